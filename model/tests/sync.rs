//! Several clients change one board at once through a simulated network: the server is
//! the single writer, each connection delivers in order, but which connection moves next,
//! when a client drops off and when it comes back are random. Every client must end with
//! the server's board, and every change a client saw acknowledged must be in the server's
//! log exactly once.

mod common;

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use common::*;
use model::*;
use proptest::prelude::*;

/// What travels from the server to one client.
#[derive(Debug, Clone)]
#[allow(
    clippy::large_enum_variant,
    reason = "a test's queue; size does not matter"
)]
enum Down {
    Event(Event),
    Rejected(ClientOpId),
    Snapshot(Board),
}

/// The server: one board, its log, and the client op ids it has accepted.
struct Server {
    board: Board,
    log: Vec<Event>,
    accepted: BTreeMap<ClientOpId, usize>,
    /// Further behind than this on reconnect gets a snapshot (small, to exercise it).
    catch_up_max: u64,
}

enum Answer {
    /// A new event, for everyone.
    Accepted(Event),
    /// A resend of an op already in the log: the original event, for the sender only.
    Replayed(Event),
    Rejected,
}

impl Server {
    fn submit(&mut self, p: &Pending) -> Answer {
        if let Some(&i) = self.accepted.get(&p.client_op_id) {
            return Answer::Replayed(self.log[i].clone());
        }
        let ctx = ApplyContext {
            actor: "someone".into(),
            at: Timestamp(10_000 + self.log.len() as i64),
            client_op_id: p.client_op_id,
        };
        match self.board.apply(&p.op, &ctx) {
            Ok(event) => {
                self.accepted.insert(p.client_op_id, self.log.len());
                self.log.push(event.clone());
                Answer::Accepted(event)
            }
            Err(_) => Answer::Rejected,
        }
    }

    /// What a client that says it holds `since` gets first.
    fn hello(&self, since: u64) -> Vec<Down> {
        if self.board.version - since > self.catch_up_max {
            vec![Down::Snapshot(self.board.clone())]
        } else {
            self.log[since as usize..]
                .iter()
                .cloned()
                .map(Down::Event)
                .collect()
        }
    }
}

struct Client {
    replica: Replica,
    connected: bool,
    up: VecDeque<Pending>,
    down: VecDeque<Down>,
    /// Its own ops it saw confirmed.
    acked: BTreeSet<ClientOpId>,
    /// Its own ops the server refused.
    refused: BTreeSet<ClientOpId>,
    /// Every op it made.
    made: BTreeSet<ClientOpId>,
    next_id: u32,
    index: u8,
}

impl Client {
    fn new_id(&mut self) -> ClientOpId {
        self.next_id += 1;
        let mut bytes = [0u8; 16];
        bytes[0] = self.index;
        bytes[1..5].copy_from_slice(&self.next_id.to_be_bytes());
        let id = ClientOpId::from_random_bytes(bytes);
        self.made.insert(id);
        id
    }

    fn ctx(&self, id: ClientOpId) -> ApplyContext {
        ApplyContext {
            actor: String::new(),
            at: Timestamp(5_000),
            client_op_id: id,
        }
    }

    /// Takes one message from the server.
    fn take(&mut self, msg: Down) -> Result<(), TestCaseError> {
        match msg {
            Down::Event(e) => match self.replica.receive(&e) {
                Received::Applied { mine } | Received::Stale { mine } => {
                    if let Some(id) = mine {
                        self.acked.insert(id);
                    }
                }
                Received::Gap => {
                    return Err(TestCaseError::fail(format!(
                        "client {} got version {} while at {}: the server must deliver in order",
                        self.index,
                        e.version,
                        self.replica.confirmed().version
                    )));
                }
            },
            Down::Rejected(id) => {
                if self.replica.rejected(id) {
                    self.refused.insert(id);
                }
            }
            Down::Snapshot(b) => self.replica.reset(b),
        }
        Ok(())
    }
}

/// One step of the script.
#[derive(Debug, Clone)]
enum Step {
    /// Client makes a change (from its own shown board).
    Local(usize, (u8, u8, &'static str, &'static str, usize, String)),
    /// Client undoes its own last change.
    Undo(usize),
    /// The server takes the next message from a client.
    ToServer(usize),
    /// A client takes the next message from the server.
    ToClient(usize),
    /// A client's connection drops; whatever was in flight is lost.
    Drop(usize),
    /// A client connects again: says where it is and sends everything pending again.
    Reconnect(usize),
}

fn arb_step(clients: usize) -> impl Strategy<Value = Step> {
    let c = 0..clients;
    prop_oneof![
        4 => (c.clone(), arb_op()).prop_map(|(i, op)| Step::Local(i, op)),
        1 => c.clone().prop_map(Step::Undo),
        5 => c.clone().prop_map(Step::ToServer),
        5 => c.clone().prop_map(Step::ToClient),
        1 => c.clone().prop_map(Step::Drop),
        1 => c.prop_map(Step::Reconnect),
    ]
}

fn arb_script() -> impl Strategy<Value = (usize, Vec<Step>, u64)> {
    (2usize..=5).prop_flat_map(|n| {
        (
            Just(n),
            prop::collection::vec(arb_step(n), 1..300),
            prop::sample::select(vec![3u64, 20, 1_000]),
        )
    })
}

fn connect(server: &Server, client: &mut Client) {
    client.connected = true;
    client.up.clear();
    client.down = server.hello(client.replica.confirmed().version).into();
    client.up.extend(client.replica.pending().iter().cloned());
}

fn to_server(server: &mut Server, clients: &mut [Client], i: usize) {
    let Some(p) = clients[i].up.pop_front() else {
        return;
    };
    match server.submit(&p) {
        Answer::Accepted(e) => {
            for c in clients.iter_mut().filter(|c| c.connected) {
                c.down.push_back(Down::Event(e.clone()));
            }
        }
        Answer::Replayed(e) => clients[i].down.push_back(Down::Event(e)),
        Answer::Rejected => clients[i].down.push_back(Down::Rejected(p.client_op_id)),
    }
}

fn run(n: usize, steps: &[Step], catch_up_max: u64) -> Result<(), TestCaseError> {
    let start = board();
    let mut server = Server {
        board: start.clone(),
        log: Vec::new(),
        accepted: BTreeMap::new(),
        catch_up_max,
    };
    let mut clients: Vec<Client> = (0..n)
        .map(|i| Client {
            replica: Replica::new(start.clone()),
            connected: true,
            up: VecDeque::new(),
            down: VecDeque::new(),
            acked: BTreeSet::new(),
            refused: BTreeSet::new(),
            made: BTreeSet::new(),
            next_id: 0,
            index: i as u8,
        })
        .collect();
    for step in steps {
        match step {
            Step::Local(i, spec) => {
                let c = &mut clients[*i];
                let op = build_op(c.replica.shown(), spec);
                let id = c.new_id();
                let pending = Pending {
                    client_op_id: id,
                    op,
                    base_version: None,
                };
                let before = c.replica.shown().clone();
                match c.replica.local(pending.clone(), &c.ctx(id), true) {
                    Ok(()) => {
                        if c.connected {
                            c.up.push_back(pending);
                        }
                    }
                    Err(_) => {
                        // Refused locally: not pending, nothing shown, nothing to send.
                        prop_assert_eq!(c.replica.shown(), &before);
                        c.made.remove(&id);
                    }
                }
            }
            Step::Undo(i) => {
                let c = &mut clients[*i];
                let id = c.new_id();
                match c.replica.undo(id, &c.ctx(id)) {
                    Ok(op) => {
                        if c.connected {
                            c.up.push_back(Pending {
                                client_op_id: id,
                                op,
                                base_version: None,
                            });
                        }
                    }
                    Err(_) => {
                        c.made.remove(&id);
                    }
                }
            }
            Step::ToServer(i) if clients[*i].connected => {
                to_server(&mut server, &mut clients, *i);
            }
            Step::ToClient(i) if clients[*i].connected => {
                if let Some(msg) = clients[*i].down.pop_front() {
                    clients[*i].take(msg)?;
                }
            }
            Step::Drop(i) => {
                let c = &mut clients[*i];
                c.connected = false;
                c.up.clear();
                c.down.clear();
            }
            Step::Reconnect(i) if !clients[*i].connected => {
                connect(&server, &mut clients[*i]);
            }
            _ => {}
        }
        // What the user sees is always the confirmed board with their pending changes.
        for c in &clients {
            prop_assert!(c.replica.confirmed().version <= server.board.version);
        }
    }
    // Everyone comes back and the network delivers everything.
    for c in clients.iter_mut().filter(|c| !c.connected) {
        connect(&server, c);
    }
    loop {
        let mut moved = false;
        for i in 0..n {
            if !clients[i].up.is_empty() {
                to_server(&mut server, &mut clients, i);
                moved = true;
            }
            if let Some(msg) = clients[i].down.pop_front() {
                clients[i].take(msg)?;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    // Converged: every client holds the server's board, with nothing left pending.
    let mut in_log = BTreeMap::<ClientOpId, usize>::new();
    for e in &server.log {
        *in_log.entry(e.client_op_id).or_default() += 1;
    }
    for c in &clients {
        prop_assert_eq!(c.replica.confirmed(), &server.board);
        prop_assert_eq!(c.replica.shown(), &server.board);
        prop_assert!(c.replica.pending().is_empty());
        // No acknowledged change is lost, none is applied twice.
        for id in &c.acked {
            prop_assert_eq!(
                in_log.get(id),
                Some(&1),
                "acknowledged op {:?} not once",
                id
            );
        }
        // Every change the client made was either accepted (and acknowledged) or refused
        // with an answer; none vanished silently.
        for id in &c.made {
            prop_assert!(
                c.acked.contains(id) != c.refused.contains(id),
                "op {:?} of client {} was neither acknowledged nor refused",
                id,
                c.index
            );
        }
    }
    // And the log replays to the server's board.
    let mut replay = start;
    for e in &server.log {
        replay.apply_event(e).unwrap();
    }
    prop_assert_eq!(&replay, &server.board);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn clients_converge_to_the_servers_board_and_no_acknowledged_change_is_lost(
        (n, steps, catch_up_max) in arb_script()
    ) {
        run(n, &steps, catch_up_max)?;
    }
}

fn moved_to(b: &Board, card: CardId, theme: &str, column: &str) -> Operation {
    let placement = Placement::cell(theme, column).unwrap();
    Operation::MoveCard {
        card_id: card,
        order: b
            .order_key_at(&placement, usize::MAX, Some(card))
            .to_string(),
        placement,
    }
}

fn local_ctx(n: u8) -> ApplyContext {
    ApplyContext {
        actor: String::new(),
        at: Timestamp(5_000),
        client_op_id: ClientOpId::from_random_bytes([n; 16]),
    }
}

fn pending(n: u8, op: Operation) -> Pending {
    Pending {
        client_op_id: ClientOpId::from_random_bytes([n; 16]),
        op,
        base_version: None,
    }
}

/// A board with two cards in Jobb / Dagens situasjon, as the server has it.
fn two_cards() -> Board {
    let mut b = board();
    for n in [1, 2] {
        let placement = Placement::cell("jobb", "dagens-situasjon").unwrap();
        let op = Operation::CreateCard {
            card_id: card_id(n),
            order: b.order_key_at(&placement, usize::MAX, None).to_string(),
            placement,
            text: format!("kort {n}"),
        };
        b.apply(&op, &local_ctx(100 + n)).unwrap();
    }
    b
}

#[test]
fn concurrent_moves_of_one_card_end_where_the_server_put_it_last() {
    let mut server = two_cards();
    let mut a = Replica::new(server.clone());
    let mut b = Replica::new(server.clone());
    let to_na = moved_to(a.shown(), card_id(1), "jobb", "na");
    let to_long = moved_to(b.shown(), card_id(1), "jobb", "lang-sikt");
    a.local(pending(10, to_na.clone()), &local_ctx(10), true)
        .unwrap();
    b.local(pending(20, to_long.clone()), &local_ctx(20), true)
        .unwrap();
    // The server takes b's move first, then a's.
    let e1 = server.apply(&to_long, &local_ctx(20)).unwrap();
    let e2 = server.apply(&to_na, &local_ctx(10)).unwrap();
    // a sees b's move under its own pending move: still shows its own.
    assert_eq!(a.receive(&e1), Received::Applied { mine: None });
    assert_eq!(
        a.shown().cards[&card_id(1)].placement,
        Placement::cell("jobb", "na").unwrap()
    );
    assert_eq!(
        a.receive(&e2),
        Received::Applied {
            mine: Some(ClientOpId::from_random_bytes([10; 16]))
        }
    );
    // b's own move is confirmed first, then a's arrives on top of it.
    assert_eq!(
        b.receive(&e1),
        Received::Applied {
            mine: Some(ClientOpId::from_random_bytes([20; 16]))
        }
    );
    assert_eq!(b.receive(&e2), Received::Applied { mine: None });
    for r in [&a, &b] {
        assert_eq!(r.shown(), &server);
        assert!(r.pending().is_empty());
    }
}

#[test]
fn an_edit_to_a_card_someone_deleted_stays_pending_until_the_server_refuses_it() {
    let mut server = two_cards();
    let mut a = Replica::new(server.clone());
    let edit = Operation::EditCard {
        card_id: card_id(1),
        text: Some("ny tekst".into()),
        responsible: Patch::Keep,
        due: Patch::Keep,
        status: None,
        note: Patch::Keep,
    };
    a.local(pending(10, edit.clone()), &local_ctx(10), true)
        .unwrap();
    let deleted = server
        .apply(
            &Operation::DeleteCard {
                card_id: card_id(1),
            },
            &local_ctx(30),
        )
        .unwrap();
    a.receive(&deleted);
    // The edit no longer shows, but only the server decides it is refused.
    assert!(a.shown().cards[&card_id(1)].deleted);
    assert_eq!(a.pending().len(), 1);
    // The server refuses it, saying the card was deleted.
    assert_eq!(
        server.clone().apply(&edit, &local_ctx(10)),
        Err(Rejection::CardDeleted)
    );
    assert!(Rejection::CardDeleted.message(Lang::Nb).contains("slettet"));
    assert!(a.rejected(ClientOpId::from_random_bytes([10; 16])));
    assert!(a.pending().is_empty());
    assert_eq!(a.shown(), &server);
}

#[test]
fn undo_takes_back_only_the_clients_own_change() {
    let mut server = two_cards();
    let mut a = Replica::new(server.clone());
    let mut b = Replica::new(server.clone());
    // a moves card 1, b moves card 2; both confirmed.
    let a_move = moved_to(a.shown(), card_id(1), "jobb", "na");
    let b_move = moved_to(b.shown(), card_id(2), "jobb", "lang-sikt");
    a.local(pending(10, a_move.clone()), &local_ctx(10), true)
        .unwrap();
    b.local(pending(20, b_move.clone()), &local_ctx(20), true)
        .unwrap();
    let e1 = server.apply(&a_move, &local_ctx(10)).unwrap();
    let e2 = server.apply(&b_move, &local_ctx(20)).unwrap();
    for r in [&mut a, &mut b] {
        r.receive(&e1);
        r.receive(&e2);
    }
    // a undoes: its own move goes back, b's stays.
    let undo = a
        .undo(ClientOpId::from_random_bytes([11; 16]), &local_ctx(11))
        .unwrap();
    assert_eq!(
        a.shown().cards[&card_id(1)].placement,
        Placement::cell("jobb", "dagens-situasjon").unwrap()
    );
    assert_eq!(
        a.shown().cards[&card_id(2)].placement,
        Placement::cell("jobb", "lang-sikt").unwrap()
    );
    // Nothing more of a's own to undo: b's move is not a's to take back.
    assert_eq!(
        a.undo(ClientOpId::from_random_bytes([12; 16]), &local_ctx(12)),
        Err(UndoError::Nothing)
    );
    let e3 = server.apply(&undo, &local_ctx(11)).unwrap();
    a.receive(&e3);
    assert_eq!(a.shown(), &server);
}

#[test]
fn undo_is_refused_when_someone_else_changed_the_card_since() {
    let mut server = two_cards();
    let mut a = Replica::new(server.clone());
    let a_move = moved_to(a.shown(), card_id(1), "jobb", "na");
    a.local(pending(10, a_move.clone()), &local_ctx(10), true)
        .unwrap();
    let e1 = server.apply(&a_move, &local_ctx(10)).unwrap();
    // Someone else moves the same card on.
    let other = moved_to(&server, card_id(1), "jobb", "lang-sikt");
    let e2 = server.apply(&other, &local_ctx(30)).unwrap();
    a.receive(&e1);
    a.receive(&e2);
    let before = a.shown().clone();
    assert_eq!(
        a.undo(ClientOpId::from_random_bytes([11; 16]), &local_ctx(11)),
        Err(UndoError::ChangedByOthers)
    );
    assert_eq!(a.shown(), &before, "a refused undo changes nothing");
    assert!(a.pending().is_empty());
}
