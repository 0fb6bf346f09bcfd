//! The demo a newcomer explores after `cargo xtask run`: an account for each role and the
//! board "Planen til Kari Nordmann". For local use only: the passwords and invitation
//! codes are in the README.

use model::{
    AccountId, AccountKind, AuditAction, BoardId, BoardRole, CardId, CardStatus, ClientOpId,
    CreateBoard, GuestRole, IsoDate, MemberFields, MemberId, NewStaffAccount, OpRequest, Operation,
    Patch, Placement, Responsible, StaffRole, Stage, Timestamp,
};
use uuid::Uuid;

use crate::{
    admin,
    auth::sha256_hex,
    boards::lead_member,
    error::ApiError,
    store::{AuditEntry, NewAccount, NewInvitationRow, Store},
    writer::{Actor, Admission, Writer},
};

/// The demo board's fixed id, so it is created once and only once.
pub const DEMO_BOARD_ID: BoardId =
    BoardId(Uuid::from_u128(0x6475_6b00_0000_4000_8000_0000_0000_0001));

/// The demo staff's password (local use only).
pub const DEMO_PASSWORD: &str = "duk-demo-passord";

/// A demo staff account.
#[derive(Debug, Clone, Copy)]
pub struct DemoStaff {
    /// E-mail, the login.
    pub email: &'static str,
    /// Name.
    pub name: &'static str,
    /// Office.
    pub office: &'static str,
    /// Administrator or caseworker.
    pub role: StaffRole,
    /// Direct number.
    pub phone: &'static str,
    /// Their role on the demo team, if on it.
    pub team_role: Option<&'static str>,
}

/// The demo staff.
pub const DEMO_STAFF: [DemoStaff; 4] = [
    DemoStaff {
        email: "admin@duk.test",
        name: "Ada Administrator",
        office: "Duk kommune",
        role: StaffRole::Admin,
        phone: "+4790000001",
        team_role: None,
    },
    DemoStaff {
        email: "ola@duk.test",
        name: "Ola Nordmann",
        office: "NAV",
        role: StaffRole::Caseworker,
        phone: "+4791234567",
        team_role: Some("Investeringsleder"),
    },
    DemoStaff {
        email: "siri@duk.test",
        name: "Siri Hansen",
        office: "Boligkontoret",
        role: StaffRole::Caseworker,
        phone: "+4792345678",
        team_role: Some("Boligkonsulent"),
    },
    DemoStaff {
        email: "per@duk.test",
        name: "Per Olsen",
        office: "Helsestasjon for ungdom",
        role: StaffRole::Caseworker,
        phone: "+4793456789",
        team_role: Some("Helsesykepleier"),
    },
];

/// The demo invitations: (link secret, code, name, role). Each seeding makes them usable
/// again, so the demo can be explored more than once.
pub const DEMO_INVITATIONS: [(&str, &str, &str, GuestRole); 2] = [
    ("demo-kari", "246810", "Kari Nordmann", GuestRole::Citizen),
    ("demo-lise", "135790", "Lise Nordmann", GuestRole::Support),
];

const KARI: AccountId = AccountId(Uuid::from_u128(0x6475_6b00_0000_4000_8000_0000_0002_0001));
const LISE: AccountId = AccountId(Uuid::from_u128(0x6475_6b00_0000_4000_8000_0000_0002_0002));

/// A date `days` from `now`.
fn days_from(now: Timestamp, days: i64) -> IsoDate {
    IsoDate::from_timestamp(Timestamp(now.0 + days * 86_400_000))
}

/// Creates whatever of the demo is missing: the accounts, the board, the invitations.
pub async fn demo(store: &Store, writer: &Writer) -> Result<(), ApiError> {
    let mut staff = Vec::new();
    for DemoStaff {
        email,
        name,
        office,
        role,
        phone,
        ..
    } in DEMO_STAFF
    {
        if store.staff_by_email(email).await?.is_none() {
            let fields = admin::validate_staff(&NewStaffAccount {
                name: name.into(),
                email: email.into(),
                phone: Some(phone.into()),
                office: Some(office.into()),
                role,
            })?;
            admin::create_staff(store, fields, role, DEMO_PASSWORD, false).await?;
        }
        let row = store
            .staff_by_email(email)
            .await?
            .ok_or(model::ApiErrorCode::Internal)?;
        staff.push(row);
    }
    let now = crate::clock::now();
    for (id, name, kind) in [
        (KARI, "Kari Nordmann", AccountKind::Citizen),
        (LISE, "Lise Nordmann", AccountKind::Support),
    ] {
        if store.account(id).await?.is_none() {
            store
                .create_account(&NewAccount {
                    id,
                    kind,
                    staff_role: None,
                    name: name.into(),
                    email: None,
                    phone: None,
                    office: None,
                    password_hash: None,
                    must_change_password: false,
                    at: now,
                })
                .await?;
        }
    }
    if store.load_board(DEMO_BOARD_ID).await?.is_none() {
        demo_board(store, writer, &staff).await?;
    }
    let ola = staff[1].account_id()?;
    for (token, code, name, role) in DEMO_INVITATIONS {
        let (account, invited_by) = match role {
            GuestRole::Citizen => (KARI, ola),
            GuestRole::Support => (LISE, KARI),
        };
        let id = model::InvitationId(Uuid::from_u128(
            0x6475_6b00_0000_4000_8000_0000_0003_0000 + u128::from(code.as_bytes()[0]),
        ));
        store
            .reset_demo_invitation(&NewInvitationRow {
                id,
                token_hash: sha256_hex(token),
                code_hash: sha256_hex(&format!("{id}:{code}")),
                board_id: DEMO_BOARD_ID,
                role,
                name: name.into(),
                phone: None,
                account_id: Some(account),
                invited_by,
                at: now,
                expires_at: Timestamp(now.0 + 30 * 86_400_000),
            })
            .await?;
    }
    Ok(())
}

/// "Planen til Kari Nordmann" with a team, cards in several themes and zones, Kari as its
/// citizen and Lise as her støtteperson. Its cards go through the same operations as a
/// user's, so they have history.
// long-fn: the demo plan reads as one story, card by card, as a team would build it
async fn demo_board(
    store: &Store,
    writer: &Writer,
    staff: &[crate::store::AccountRow],
) -> Result<(), ApiError> {
    let now = crate::clock::now();
    let mut board = CreateBoard {
        citizen_name: "Kari Nordmann".into(),
        title: None,
        short_term_by: Some(days_from(now, 182)),
        long_term_by: Some(days_from(now, 730)),
    }
    .into_board(DEMO_BOARD_ID, now)?;
    let member_id = |n: u128| {
        MemberId(Uuid::from_u128(
            0x6475_6b00_0000_4000_8000_0000_0001_0000 + n,
        ))
    };
    let lead = &staff[1];
    board.members.push(lead_member(member_id(1), lead)?);
    let audit = AuditEntry {
        at: now,
        account_id: Some(lead.account_id()?),
        actor_name: lead.name.clone(),
        actor_role: BoardRole::Owner.as_str().into(),
        session_id: None,
        board_id: Some(DEMO_BOARD_ID),
        action: AuditAction::CreateBoard,
        version: None,
    };
    store.insert_board(&board, &lead.name, &audit).await?;
    for (account, role) in [(KARI, BoardRole::Citizen), (LISE, BoardRole::Support)] {
        store
            .grant_access(DEMO_BOARD_ID, account, role, lead.account_id()?, now)
            .await?;
    }
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

    let actor = Actor {
        role: BoardRole::Owner,
        audit: AuditEntry {
            action: AuditAction::ChangeBoard,
            ..audit
        },
    };
    let mut version = 0;
    let mut submit = async |op: Operation| -> Result<(), ApiError> {
        let req = OpRequest {
            client_op_id: ClientOpId(Uuid::new_v4()),
            base_version: version,
            op,
        };
        version = writer
            .submit(DEMO_BOARD_ID, req, actor.clone(), Admission::Wait)
            .await?
            .version;
        Ok(())
    };
    for (n, account) in [(2, &staff[2]), (3, &staff[3])] {
        let role = DEMO_STAFF[n as usize].team_role;
        submit(Operation::AddMember {
            member_id: member_id(n),
            member: MemberFields {
                name: account.name.clone(),
                service: account.office.clone(),
                role: role.map(Into::into),
                phone: account.phone.clone(),
                email: account.email.clone(),
                account: Some(account.account_id()?),
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
        citizen_may_add: None,
    })
    .await?;
    submit(Operation::SetConsent {
        consent: Some(model::ConsentFields {
            date: days_from(now, -14),
            services: vec![
                "NAV".into(),
                "Boligkontoret".into(),
                "Helsestasjon for ungdom".into(),
            ],
        }),
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
    // The next meeting, on a working day two weeks ahead, with the agenda Kari sees.
    let mut day = days_from(now, 14);
    while !day.is_working_day() {
        day = day.add_days(1);
    }
    submit(Operation::ScheduleMeeting {
        meeting_id: model::MeetingId(Uuid::new_v4()),
        meeting: model::MeetingFields {
            date: day,
            time: model::TimeOfDay::from_hm(10, 0).ok_or(model::ApiErrorCode::Internal)?,
            minutes: Some(90),
            place: Some("NAV, møterom Fjorden".into()),
            video_link: None,
            agenda: vec![
                "Hvordan har det gått siden sist?".into(),
                "Søknaden om kommunal bolig".into(),
                "Arbeidstrening i barnehage".into(),
            ],
            invited: vec![
                model::Invitee::Citizen,
                model::Invitee::Member {
                    member_id: member_id(1),
                },
                model::Invitee::Member {
                    member_id: member_id(2),
                },
            ],
            interpreter: None,
        },
    })
    .await?;
    demo_profiles(store, staff, &actor.audit).await
}

/// Ola's and Siri's contact details: Kari's contact person and his substitute.
async fn demo_profiles(
    store: &Store,
    staff: &[crate::store::AccountRow],
    audit: &AuditEntry,
) -> Result<(), ApiError> {
    let hours = |days: &[model::Weekday], from: u16, to: u16| -> Vec<model::OfficeHours> {
        days.iter()
            .filter_map(|&day| {
                Some(model::OfficeHours {
                    day,
                    from: model::TimeOfDay::from_hm(from, 0)?,
                    to: model::TimeOfDay::from_hm(to, 0)?,
                })
            })
            .collect()
    };
    use model::Weekday::*;
    let (ola, siri) = (&staff[1], &staff[2]);
    let profiles = [
        (
            ola,
            model::ContactProfileFields {
                phone: ola.phone.clone(),
                hours: hours(&[Monday, Tuesday, Wednesday, Thursday, Friday], 9, 11),
                substitute: Some(siri.account_id()?),
                absences: Vec::new(),
            },
        ),
        (
            siri,
            model::ContactProfileFields {
                phone: siri.phone.clone(),
                hours: hours(&[Monday, Wednesday, Friday], 12, 14),
                substitute: None,
                absences: Vec::new(),
            },
        ),
    ];
    for (account, fields) in profiles {
        let id = account.account_id()?;
        let profile = fields.validate(id)?;
        let audit = AuditEntry {
            account_id: Some(id),
            actor_name: account.name.clone(),
            actor_role: "staff".into(),
            board_id: None,
            action: AuditAction::ChangeProfile,
            ..audit.clone()
        };
        store.save_contact_profile(id, &profile, &audit).await?;
    }
    Ok(())
}
