# The access module's panel pages: dashboard, people, requests, sessions, audit log.

access-nav-activity = Activity
access-nav-dashboard = Dashboard
access-nav-people = People
access-nav-requests = Requests
access-nav-sessions = Sessions
access-nav-audit = Audit log
## Dashboard

access-dashboard-live = Live figures, updated { $time }
access-dashboard-staff = Staff
access-dashboard-applicants = Waiting applicants
access-dashboard-blocked = Blocked
access-dashboard-everyone = Everyone the bot knows
access-dashboard-requests = Access requests
access-dashboard-pending = Pending
access-dashboard-postponed = Postponed
access-dashboard-approved-today = Approved today
access-dashboard-rejected-today = Rejected today
access-dashboard-today = Today
access-dashboard-active-sessions = Active sessions
access-dashboard-updates-received = Updates received
access-dashboard-updates-handled = Updates handled
access-dashboard-people-active = People active
access-dashboard-changes-by-module = Today's changes by module
access-dashboard-no-changes = Nothing changed today yet.
access-dashboard-module = Module
access-dashboard-changes = Changes

## Sessions

access-sessions-via-link = Login link
access-sessions-via-login-url = Telegram button
access-sessions-via-mini-app = Mini App
access-sessions-person = Person
access-sessions-device = Device
access-sessions-ip = IP
access-sessions-via = Signed in with
access-sessions-last-seen = Last seen
access-sessions-unknown-device = Unknown device
access-sessions-this-device = This device
access-sessions-end = End
access-sessions-end-on = End the session on { $device }
access-sessions-end-of = End the session on { $device } of { $name }
access-sessions-ended = The session is ended.
access-sessions-yours = Your sessions
access-sessions-end-all = Log out everywhere
access-sessions-everyone = Everyone's sessions
## People

access-people-intro = Everyone with a role, everyone who applied, and everyone blocked. Blocking ends a person's sessions and links at once.
access-people-nobody = Nobody yet.
access-people-name = Name
access-people-status = Status
access-people-roles = Roles
access-people-actions = Actions
access-people-status-staff = Staff
access-people-status-blocked = Blocked
access-people-status-applicant = Applied
access-people-status-rejected = Rejected
access-people-take-role = Take the role { $role } from { $name }
access-people-role-taken = { $name } no longer has the role { $role }.
access-people-role-for = Role for { $name }
access-people-role-choose = Role…
access-people-role-granted = { $name } now has the role { $role }.
access-people-grant = Grant
access-people-link-sent = { $name } got a sign-in invitation in the bot.
access-people-send-link = Send sign-in link
access-people-unblocked = { $name } is unblocked.
access-people-unblock = Unblock
access-people-block-reason-for = Reason for blocking { $name }
access-people-block-reason = Reason (optional)
access-people-blocked = { $name } is blocked; their sessions ended.
access-people-block = Block

## Access requests

access-requests-view-open = Waiting
access-requests-view-approved = Approved
access-requests-view-rejected = Rejected
access-requests-which = Which requests
access-requests-of = Request of { $name }
access-requests-number = #{ $id } { $name }
access-requests-status-pending = pending
access-requests-status-postponed = postponed
access-requests-status-approved = approved
access-requests-status-rejected = rejected
access-requests-telegram = Telegram
access-requests-phone = Phone
access-requests-comment = Comment
access-requests-applied = Applied
access-requests-decided = Decided
access-requests-decided-by = { $by }, { $at }
access-requests-decided-role = {" "}— role { $role }
access-requests-decided-reason = {" "}— { $reason }
access-requests-role = Role
access-requests-approved = { $name } is approved as { $role }.
access-requests-approve = Approve
access-requests-postponed = The request of { $name } is postponed.
access-requests-postpone = Postpone
access-requests-reject-reason = Reason for rejecting
access-requests-reject-reason-hint = Reason (the applicant reads it)
access-requests-rejected = The request of { $name } is rejected.
access-requests-reject = Reject
access-requests-none-waiting = No request is waiting.
access-requests-none = None.
## Audit log

access-audit-filters = Filters
access-audit-actor = Person (Telegram id)
access-audit-action-filter = Action (or its start, like access)
access-audit-object-type = Object type
access-audit-object-id = Object id
access-audit-from-day = From
access-audit-to-day = To
access-audit-filter = Filter
access-audit-csv = Download CSV
access-audit-xlsx = Download XLSX
access-audit-nothing = Nothing matches.
access-audit-when = When
access-audit-who = Who
access-audit-action = Action
access-audit-object = Object
access-audit-changes = Changes
# A changed field's line: "field: old → new".
access-audit-field = { $field }:
access-audit-became = →
access-audit-source = From
access-audit-newer = Newer
access-audit-page = Page { $page }
access-audit-older = Older
access-people-username = @{ $username }
access-people-take-role-sign = ×

## The phone menu
access-nav-group = Staff

## Blocking, asked first
access-people-block-confirm = Block { $name }? This takes every role they hold, ends all their sessions, sign-in links and calendar feeds, and they cannot apply again until unblocked.
