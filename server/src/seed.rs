//! The demo board a newcomer explores after `cargo xtask run`.

use model::{
    BoardId, CardId, CardStatus, ClientOpId, CreateBoard, IsoDate, MemberFields, MemberId,
    OpRequest, Operation, Patch, Placement, Responsible, Stage, Timestamp,
};
use uuid::Uuid;

use crate::{
    error::ApiError,
    store::Store,
    writer::{self, Writer},
};

/// The demo board's fixed id, so it is created once and only once.
pub const DEMO_BOARD_ID: BoardId =
    BoardId(Uuid::from_u128(0x6475_6b00_0000_4000_8000_0000_0000_0001));

/// Who the demo's changes are attributed to.
const DEMO_ACTOR: &str = "Demo";

/// A date `days` from `now`.
fn days_from(now: Timestamp, days: i64) -> IsoDate {
    IsoDate::from_timestamp(Timestamp(now.0 + days * 86_400_000))
}

/// Creates "Planen til Kari Nordmann" with cards in several themes and zones, unless it
/// exists. Its cards go through the same operations as a user's, so they have history.
pub async fn demo_board(store: &Store, writer: &Writer) -> Result<bool, ApiError> {
    if store.load_board(DEMO_BOARD_ID).await?.is_some() {
        return Ok(false);
    }
    let now = writer::now();
    let board = CreateBoard {
        citizen_name: "Kari Nordmann".into(),
        title: None,
        short_term_by: Some(days_from(now, 182)),
        long_term_by: Some(days_from(now, 730)),
    }
    .into_board(DEMO_BOARD_ID, now)?;
    store.insert_board(&board, DEMO_ACTOR).await?;

    // The team around Kari: (id, name, service, role, phone).
    let team = [
        (1, "Ola Nordmann", "NAV", "Investeringsleder", "+4791234567"),
        (
            2,
            "Siri Hansen",
            "Boligkontoret",
            "Boligkonsulent",
            "+4792345678",
        ),
        (
            3,
            "Per Olsen",
            "Helsestasjon for ungdom",
            "Helsesykepleier",
            "+4793456789",
        ),
    ];
    let member_id = |n: u128| {
        MemberId(Uuid::from_u128(
            0x6475_6b00_0000_4000_8000_0000_0001_0000 + n,
        ))
    };
    let ola = Some(Responsible::Member {
        member_id: member_id(1),
    });
    let siri = Some(Responsible::Member {
        member_id: member_id(2),
    });

    let cell = |t: &str, c: &str| Placement::cell(t, c).expect("valid demo cell");
    let zone = |z: &str| Placement::zone(z).expect("valid demo zone");
    let cards: [(Placement, &str, Option<Responsible>, Option<i64>); 16] = [
        (zone("god-pa"), "Flink med dyr", None, None),
        (
            zone("god-pa"),
            "Lager god mat og liker å ha gjester",
            None,
            None,
        ),
        (
            zone("drommer"),
            "Egen leilighet med plass til en hund",
            None,
            None,
        ),
        (zone("drommer"), "Jobbe i barnehage", None, None),
        (
            zone("vanskelig"),
            "Sover dårlig og blir urolig om natta",
            None,
            None,
        ),
        (zone("rundt-meg"), "Mamma og søsteren Lise", None, None),
        (
            cell("jobb", "dagens-situasjon"),
            "Har ikke vært i jobb på to år",
            None,
            None,
        ),
        (
            cell("jobb", "na"),
            "Avtale arbeidstrening i barnehage",
            ola.clone(),
            Some(21),
        ),
        (
            cell("jobb", "lang-sikt"),
            "Fast jobb i barnehage",
            None,
            None,
        ),
        (
            cell("bosituasjon", "dagens-situasjon"),
            "Bor hos mamma",
            None,
            None,
        ),
        (
            cell("bosituasjon", "kort-sikt"),
            "Søke kommunal bolig",
            siri.clone(),
            Some(60),
        ),
        (
            cell("okonomi", "dagens-situasjon"),
            "Gjeld på om lag 40 000 kr",
            None,
            None,
        ),
        (
            cell("okonomi", "na"),
            "Søke bostøtte",
            Some(Responsible::Citizen),
            Some(14),
        ),
        (
            cell("okonomi", "na"),
            "Time hos gjeldsrådgiver",
            Some(Responsible::Outside {
                name: "Gjeldsrådgiver i kommunen".into(),
            }),
            Some(10),
        ),
        (
            cell("psykisk-helse", "na"),
            "Samtale med fastlegen om søvn",
            Some(Responsible::Citizen),
            Some(7),
        ),
        (
            cell("fysisk-helse", "kort-sikt"),
            "Gå tur hver dag",
            Some(Responsible::Citizen),
            None,
        ),
    ];

    let mut version = 0;
    let mut submit = async |op: Operation| -> Result<(), ApiError> {
        let req = OpRequest {
            client_op_id: ClientOpId(Uuid::new_v4()),
            base_version: version,
            op,
        };
        version = writer
            .submit(store, DEMO_BOARD_ID, &req, DEMO_ACTOR)
            .await?
            .version;
        Ok(())
    };
    for (n, name, service, role, phone) in team {
        submit(Operation::AddMember {
            member_id: member_id(n),
            member: MemberFields {
                name: name.into(),
                service: Some(service.into()),
                role: Some(role.into()),
                phone: Some(phone.into()),
                email: None,
            },
        })
        .await?;
    }
    submit(Operation::SetHeader {
        title: None,
        citizen_name: None,
        short_term_by: Patch::Keep,
        long_term_by: Patch::Keep,
        stage: Patch::Set(Stage::AtRisk),
    })
    .await?;
    let mut placed: Vec<(Placement, model::OrderKey)> = Vec::new();
    for (placement, text, responsible, due_in_days) in cards {
        let last = placed
            .iter()
            .rev()
            .find(|(p, _)| *p == placement)
            .map(|(_, k)| k.clone());
        let order = model::OrderKey::between(last.as_ref(), None);
        placed.push((placement.clone(), order.clone()));
        let card_id = CardId(Uuid::new_v4());
        submit(Operation::CreateCard {
            card_id,
            placement,
            order: order.to_string(),
            text: text.into(),
        })
        .await?;
        if responsible.is_some() || due_in_days.is_some() {
            submit(Operation::EditCard {
                card_id,
                text: None,
                responsible: responsible.map_or(Patch::Keep, Patch::Set),
                due: due_in_days.map_or(Patch::Keep, |d| Patch::Set(days_from(now, d))),
                status: match text {
                    "Gå tur hver dag" => Some(CardStatus::Proposed),
                    "Samtale med fastlegen om søvn" => Some(CardStatus::Done),
                    _ => None,
                },
                note: Patch::Keep,
            })
            .await?;
        }
    }
    Ok(true)
}
