//! Who may do what: accounts, roles on a board, invitations, consent and the audit log, as
//! the server and the app exchange them.

use serde::{Deserialize, Serialize};

use crate::{AccountId, BoardId, Field, InvitationId, IsoDate, Rejection, ShortText, Timestamp};

/// What kind of person an account belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountKind {
    /// A member of staff, who signs in with e-mail and password.
    Staff,
    /// A citizen, who signs in with an invitation link and a one-time code.
    Citizen,
    /// A støtteperson chosen by a citizen; signs in like a citizen.
    Support,
}

/// What a member of staff may do outside boards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    /// Manages accounts and reads the audit log; sees no board unless on its team.
    Admin,
    /// Works on the boards whose team they are on, and creates boards.
    Caseworker,
}

/// Someone's role on one board.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BoardRole {
    /// The investeringsleder: edits everything, invites and removes.
    Owner,
    /// A team member: edits cards and takes tasks.
    Member,
    /// The citizen whose plan it is: sees everything; adds cards when the owner allows.
    Citizen,
    /// A støtteperson: reads.
    Support,
}

impl BoardRole {
    /// Every role, for tables and tests.
    pub const ALL: [BoardRole; 4] = [
        BoardRole::Owner,
        BoardRole::Member,
        BoardRole::Citizen,
        BoardRole::Support,
    ];

    /// The stable name used in the database and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            BoardRole::Owner => "owner",
            BoardRole::Member => "member",
            BoardRole::Citizen => "citizen",
            BoardRole::Support => "support",
        }
    }

    /// Reads [`BoardRole::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// A board as one viewer gets it: the board and their role on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardView {
    /// The board.
    #[serde(flatten)]
    pub board: crate::Board,
    /// The viewer's role.
    pub my_role: BoardRole,
    /// The viewer's account: the app keeps the viewer's unsent changes in the browser
    /// under it from the first moment, without waiting for another request.
    pub viewer: crate::AccountId,
    /// The board version the viewer saw when they last opened it (for "Endret siden du så
    /// sist"), if they had opened it before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seen_version: Option<u64>,
}

/// The signed-in account, as the app needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    /// Its id.
    pub id: AccountId,
    /// Display name.
    pub name: String,
    /// Staff, citizen or støtteperson.
    pub kind: AccountKind,
    /// For staff: administrator or caseworker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff_role: Option<StaffRole>,
    /// For staff: their office.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office: Option<String>,
    /// For staff: their e-mail (login).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Set on a new account or after a reset: the password must be changed first.
    #[serde(default)]
    pub must_change_password: bool,
}

/// Staff sign-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// E-mail address.
    pub email: String,
    /// Password.
    pub password: String,
}

/// A new password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangePassword {
    /// The password now.
    pub current: String,
    /// The one to use from now on.
    pub new: String,
}

/// Shortest password accepted.
pub const PASSWORD_MIN: usize = 12;
/// Longest password accepted (hashing a megabyte would be a cheap attack).
pub const PASSWORD_MAX: usize = 256;

/// A staff account as administrators see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffAccount {
    /// Its id.
    pub id: AccountId,
    /// Name.
    pub name: String,
    /// E-mail, the login.
    pub email: String,
    /// Direct phone number, E.164.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Office ("NAV Grünerløkka").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office: Option<String>,
    /// Administrator or caseworker.
    pub role: StaffRole,
    /// A disabled account cannot sign in and has no sessions.
    pub disabled: bool,
    /// When it was created.
    pub created_at: Timestamp,
}

/// An administrator's request for a new staff account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewStaffAccount {
    /// Name.
    pub name: String,
    /// E-mail, the login.
    pub email: String,
    /// Direct phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Office.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office: Option<String>,
    /// Administrator or caseworker.
    pub role: StaffRole,
}

/// A new account, or a reset one, with the one-time password to hand over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedPassword {
    /// The account.
    pub account: StaffAccount,
    /// Shown once; the person must change it when they first sign in.
    pub temporary_password: String,
}

/// A change an administrator makes to a staff account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountChange {
    /// Disable (ending every session at once) or enable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disabled: Option<bool>,
    /// A new role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<StaffRole>,
}

/// A staff member as caseworkers see them when adding someone to a team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffEntry {
    /// Their account.
    pub id: AccountId,
    /// Name.
    pub name: String,
    /// Office.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office: Option<String>,
    /// E-mail.
    pub email: String,
    /// Direct phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// Who an invitation is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GuestRole {
    /// The citizen whose plan it is (invited by the investeringsleder).
    Citizen,
    /// A støtteperson (invited by the citizen), who may read the plan.
    Support,
}

impl GuestRole {
    /// The board role the invitation gives.
    pub fn board_role(self) -> BoardRole {
        match self {
            GuestRole::Citizen => BoardRole::Citizen,
            GuestRole::Support => BoardRole::Support,
        }
    }
}

/// A request to invite someone to a board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewInvitation {
    /// Citizen or støtteperson.
    pub role: GuestRole,
    /// Their name.
    pub name: String,
    /// Their mobile number; the code is sent there when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// An invitation just made: the link and the code, shown once to whoever invited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationCreated {
    /// Its id (to withdraw it).
    pub id: InvitationId,
    /// The link to open on the phone, relative to the server (`/invitasjon#…`).
    pub link: String,
    /// The six-digit code to give by phone or SMS.
    pub code: String,
    /// When link and code stop working.
    pub expires_at: Timestamp,
    /// The number the code was sent to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_to: Option<String>,
}

/// What the invitation page may show before the code is entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationInfo {
    /// Citizen or støtteperson.
    pub role: GuestRole,
    /// Who invited ("Ola Hansen, NAV Grünerløkka").
    pub invited_by: String,
    /// When it stops working.
    pub expires_at: Timestamp,
}

/// The secret from the invitation link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvitationToken {
    /// From the link.
    pub token: String,
}

/// The secret from the link plus the code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedeemInvitation {
    /// From the link.
    pub token: String,
    /// The six digits.
    pub code: String,
}

/// Where a redeemed invitation leads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redeemed {
    /// The board the person now has access to.
    pub board_id: BoardId,
}

/// One person with access to a board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessEntry {
    /// Their account.
    pub account_id: AccountId,
    /// Name.
    pub name: String,
    /// Their role on the board.
    pub role: BoardRole,
    /// Since when.
    pub granted_at: Timestamp,
}

/// An invitation not used yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingInvitation {
    /// Its id.
    pub id: InvitationId,
    /// Citizen or støtteperson.
    pub role: GuestRole,
    /// Who it is for.
    pub name: String,
    /// Until when.
    pub expires_at: Timestamp,
}

/// Who has access to a board, and the viewer's own role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardAccessList {
    /// The viewer's role.
    pub my_role: BoardRole,
    /// Everyone with access now.
    pub people: Vec<AccessEntry>,
    /// Invitations not used yet.
    pub invitations: Vec<PendingInvitation>,
}

/// A line in "Hvem har sett planen min".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanView {
    /// Who.
    pub name: String,
    /// Their role on the board when they looked.
    pub role: BoardRole,
    /// Their office, for staff.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office: Option<String>,
    /// When.
    pub at: Timestamp,
}

/// What an audit entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    /// Listed their boards.
    ListBoards,
    /// Created a board.
    CreateBoard,
    /// Opened a board.
    OpenBoard,
    /// Opened the live connection of a board.
    OpenLive,
    /// Changed a board (with the event's version).
    ChangeBoard,
    /// Read who has access to a board.
    ReadAccess,
    /// Read who has looked at a board.
    ReadViews,
    /// Invited a citizen or støtteperson.
    Invite,
    /// Withdrew an invitation.
    WithdrawInvitation,
    /// Took an invitation into use.
    RedeemInvitation,
    /// Ended someone's access.
    RevokeAccess,
    /// Signed in.
    SignIn,
    /// A sign-in with a wrong password.
    SignInFailed,
    /// Signed out.
    SignOut,
    /// Changed their password.
    ChangePassword,
    /// Created a staff account.
    CreateAccount,
    /// Changed or reset a staff account.
    ChangeAccount,
    /// Searched the audit log.
    SearchAudit,
    /// Changed their own contact profile.
    ChangeProfile,
    /// Asked to be called ("Ring meg").
    RequestCallback,
    /// Read a board's callback requests.
    ReadCallbacks,
    /// Changed the status of a callback request.
    UpdateCallback,
    /// Fetched a board's calendar (download or subscription).
    ReadCalendar,
    /// Made a private calendar address.
    CreateCalendarFeed,
    /// Turned a private calendar address off.
    RevokeCalendarFeed,
    /// Read a board's history, or the board as it was at a version.
    ReadHistory,
    /// Read (or downloaded) a meeting's minutes.
    ReadMinutes,
    /// Exported a board with its history.
    ExportBoard,
    /// Read their tasks on a board ("Mine oppgaver").
    ReadTasks,
}

impl AuditAction {
    /// Every action.
    pub const ALL: [AuditAction; 29] = [
        AuditAction::ListBoards,
        AuditAction::CreateBoard,
        AuditAction::OpenBoard,
        AuditAction::OpenLive,
        AuditAction::ChangeBoard,
        AuditAction::ReadAccess,
        AuditAction::ReadViews,
        AuditAction::Invite,
        AuditAction::WithdrawInvitation,
        AuditAction::RedeemInvitation,
        AuditAction::RevokeAccess,
        AuditAction::SignIn,
        AuditAction::SignInFailed,
        AuditAction::SignOut,
        AuditAction::ChangePassword,
        AuditAction::CreateAccount,
        AuditAction::ChangeAccount,
        AuditAction::SearchAudit,
        AuditAction::ChangeProfile,
        AuditAction::RequestCallback,
        AuditAction::ReadCallbacks,
        AuditAction::UpdateCallback,
        AuditAction::ReadCalendar,
        AuditAction::CreateCalendarFeed,
        AuditAction::RevokeCalendarFeed,
        AuditAction::ReadHistory,
        AuditAction::ReadMinutes,
        AuditAction::ExportBoard,
        AuditAction::ReadTasks,
    ];

    /// The stable name stored in the log.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::ListBoards => "list_boards",
            AuditAction::CreateBoard => "create_board",
            AuditAction::OpenBoard => "open_board",
            AuditAction::OpenLive => "open_live",
            AuditAction::ChangeBoard => "change_board",
            AuditAction::ReadAccess => "read_access",
            AuditAction::ReadViews => "read_views",
            AuditAction::Invite => "invite",
            AuditAction::WithdrawInvitation => "withdraw_invitation",
            AuditAction::RedeemInvitation => "redeem_invitation",
            AuditAction::RevokeAccess => "revoke_access",
            AuditAction::SignIn => "sign_in",
            AuditAction::SignInFailed => "sign_in_failed",
            AuditAction::SignOut => "sign_out",
            AuditAction::ChangePassword => "change_password",
            AuditAction::CreateAccount => "create_account",
            AuditAction::ChangeAccount => "change_account",
            AuditAction::SearchAudit => "search_audit",
            AuditAction::ChangeProfile => "change_profile",
            AuditAction::RequestCallback => "request_callback",
            AuditAction::ReadCallbacks => "read_callbacks",
            AuditAction::UpdateCallback => "update_callback",
            AuditAction::ReadCalendar => "read_calendar",
            AuditAction::CreateCalendarFeed => "create_calendar_feed",
            AuditAction::RevokeCalendarFeed => "revoke_calendar_feed",
            AuditAction::ReadHistory => "read_history",
            AuditAction::ReadMinutes => "read_minutes",
            AuditAction::ExportBoard => "export_board",
            AuditAction::ReadTasks => "read_tasks",
        }
    }

    /// Reads [`AuditAction::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRecord {
    /// Its place in the log.
    pub id: i64,
    /// When.
    pub at: Timestamp,
    /// Whose account (none for a failed sign-in with an unknown address).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<AccountId>,
    /// Their name at the time.
    pub actor_name: String,
    /// Their role: a board role, or `admin`, `staff`, `citizen`, `support`, `anonymous`.
    pub actor_role: String,
    /// The session it came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
    /// Which board.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub board_id: Option<BoardId>,
    /// What.
    pub action: AuditAction,
    /// For a change: the version it produced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<u64>,
}

/// Consent as recorded on a board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    /// When the citizen gave it.
    pub date: IsoDate,
    /// The services it covers.
    pub services: Vec<ShortText>,
    /// Who recorded it.
    pub recorded_by: String,
    /// When it was recorded.
    pub recorded_at: Timestamp,
}

/// Consent as typed into the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentFields {
    /// When the citizen gave it.
    pub date: IsoDate,
    /// The services it covers.
    pub services: Vec<String>,
}

/// Most services one consent can name.
pub const CONSENT_SERVICES_MAX: usize = 20;

impl ConsentFields {
    /// Checks the services (at least one, each a short text, no repeats) and returns them
    /// cleaned.
    pub fn validate(&self) -> Result<Vec<ShortText>, Rejection> {
        let field = Field::Service;
        let mut out: Vec<ShortText> = Vec::new();
        for raw in &self.services {
            if raw.trim().is_empty() {
                continue;
            }
            let s = ShortText::parse_as(field, raw)?;
            if !out
                .iter()
                .any(|o| o.as_str().eq_ignore_ascii_case(s.as_str()))
            {
                out.push(s);
            }
        }
        if out.is_empty() {
            return Err(Rejection::Empty { field });
        }
        if out.len() > CONSENT_SERVICES_MAX {
            return Err(Rejection::TooManyServices {
                max: CONSENT_SERVICES_MAX,
            });
        }
        Ok(out)
    }
}
