access-role = { $role ->
    [owner] owner
    [admin] admin
   *[other] { $role }
}
# An owner configured by Telegram id whom the bot has not met yet, so has no name.
access-owner-unmet = Owner
access-card = <b>Access request #{ $id }</b>
    Name: { $name }
    Phone: { $phone }
    Telegram: { $person }
    Comment: { $comment }
access-card-approved = ✅ Approved as { $role } by { $by }, { $when }
access-card-rejected = ❌ Rejected by { $by }, { $when }: { $reason }
access-card-postponed = ⏸ Postponed by { $by }, { $when }
access-approve-as = ✅ Approve as { $role }
access-reject = ❌ Reject
access-postpone = ⏸ Postpone
access-notice-approved = ✅ Your access request was approved. Your role: <b>{ $role }</b>.
    Send /login (or press the button) to get your personal link to the panel.
access-notice-rejected = Your access request was rejected.
    Reason: { $reason }
    You may apply again after { $when }.
access-notice-granted = You were given the role <b>{ $role }</b>. Send /login to get your link to the panel.
access-link-invitation = { $admin } invites you to the panel. Press the button to get your personal login link.
access-login-button = 🔑 Get my login link
access-menu-apply = 📝 Apply for access
access-menu-login = 🔑 Log in to the panel
access-menu-pending = 📥 Pending requests
access-menu-people = 👥 People
access-menu-stats = 📊 Statistics
access-menu-sessions = 🖥 Sessions
command-login = Get a login link to the panel
command-sessions = Your web sessions
command-requests = Pending access requests
command-people = Staff and roles
command-stats = Statistics
access-cancel = Cancel
access-send = Send
access-skip = Skip
access-back = ⬅️ Back
access-text-please = Please answer with text.
access-apply-closed = This bot does not take staff applications.
access-apply-already-staff = You already have access. Send /login to get your link to the panel.
access-apply-blocked = Your access to this bot is blocked. You cannot apply.
access-apply-cooling-down = Your last request was rejected. You may apply again after { $when }.
access-apply-under-review-update = Your request is already under review. You can update it: answer the questions again.
access-apply-ask-name = What is your name? Please write your first and last name.
access-name-invalid = Please write your name: 2 to 100 characters.
access-apply-ask-phone = Thank you, { $name }. Now share your phone number with the button below (or type it with the country code, like +7 900 123-45-67).
access-share-contact = 📱 Share my phone number
access-contact-not-yours = Please share your own contact with the button below.
access-phone-invalid = That does not look like a phone number. Share your contact with the button, or type the number with the country code, like +7 900 123-45-67.
access-apply-ask-comment = Anything the admins should know (your position, who invited you)? Write it, or press Skip.
access-comment-too-long = That is too long: please keep it under { $max } characters.
access-apply-summary = <b>Your application</b>
    Name: { $name }
    Phone: { $phone }
    Comment: { $comment }
access-apply-confirm = Send it to the admins?
access-apply-sent = Your request #{ $id } has been sent. It is under review; I will tell you when an admin decides.
access-apply-updated = Your request #{ $id } was updated. It is still under review.
access-apply-cancelled = Your application was not sent.
access-decided-approved = Approved.
access-decided-rejected = Rejected.
access-decided-postponed = Postponed.
access-already-decided = Already decided by { $by } ({ $status ->
    [approved] approved
    [rejected] rejected
    [postponed] postponed
   *[other] { $status }
}).
access-decision-forbidden = You do not have permission to decide requests.
access-decision-not-found = There is no such request.
access-decision-unknown-role = There is no such role.
access-decision-invalid-reason = Please write a reason (up to { $max } characters).
access-decision-blocked = This person is blocked. Unblock them first.
access-reject-ask-reason = Why do you reject request #{ $id }? Pick a reason or write your own.
access-reason-unknown-person = We do not know you as staff
access-reason-unverified = We could not verify your details
access-reason-no-openings = There are no openings now
access-rejected-done = Request #{ $id } was rejected. The applicant has been told.
access-reject-cancelled = The request was not rejected.
access-pending-none = There are no pending requests.
access-pending-count = Pending requests: { $count }
access-login-need-access = You need staff access before you can log in to the panel. Use /start and "Apply for access" if this bot takes applications.
access-login-no-role = You need staff access before you can log in to the panel.
access-login-blocked = Your access to this bot is blocked.
access-login-too-many = Too many login links in a short time. Please wait a few minutes and try again.
access-login-forbidden = You do not have permission for this.
access-login-link = 🔑 <a href="{ $url }">Your personal login link</a>. It works once and expires in { $minutes } minutes. Do not forward it.
access-login-open = Open the panel
access-sessions-title = Your web sessions:
access-sessions-none = You have no active web sessions.
access-all-sessions-title = Active web sessions:
access-all-sessions-none = Nobody is signed in to the panel.
access-session-line = { $n }. { $device } · { $ip } · last seen { $seen }
access-session-unknown-device = unknown device
access-session-end = End session { $n }
access-sessions-end-all = 🚪 Log out everywhere
access-session-ended = The session was ended.
access-session-not-found = That session has already ended.
access-session-forbidden = You may end only your own sessions.
access-session-no-sessions = You have no active web sessions.
access-sessions-ended-all = You were logged out everywhere ({ $count ->
    [one] one session ended
   *[other] { $count } sessions ended
}).
access-stats = <b>Statistics</b>
    People: { $people } (staff { $staff }, blocked { $blocked })
    Requests: { $pending } pending, { $postponed } postponed
    Today: { $approved } approved, { $rejected } rejected
    Active web sessions: { $sessions }
    Today: { $updates } updates from { $active } people
access-people-none = No staff, applicants or blocked people yet.
access-people-title = People ({ $count }): choose someone.
access-person-marker = 👤
access-person = { $marker } <b>{ $name }</b> { $username }
    Status: { $status }
    Roles: { $roles }
access-person-unknown = This person is not on the list any more.
access-status-staff = staff
access-status-blocked = blocked
access-status-applicant = applicant
access-status-rejected = rejected
access-grant = ➕ Give role: { $role }
access-revoke = ➖ Take role: { $role }
access-granted = Role given.
access-revoked = Role taken.
access-role-forbidden = You do not have permission to change roles.
access-role-unknown-role = There is no such role.
access-role-owners-only = Only owners give or take the owner role.
access-role-last-owner = The last owner cannot lose the owner role.
access-role-blocked = This person is blocked. Unblock them first.
access-role-unchanged = Nothing changed.
access-send-link = 🔑 Send a login link
access-send-link-self = Use /login for your own link.
access-link-sent = They got a message with a button for their personal login link.
access-block = ⛔ Block
access-unblock = ✅ Unblock
access-block-confirm = Block this person? All their sessions, login links and roles end at once, and they cannot apply or log in.
access-block-yes = ⛔ Yes, block
access-blocked-done = Blocked. Sessions ended: { $sessions }.
access-unblocked-done = Unblocked. They may apply again.
access-block-forbidden = You do not have permission to block people.
access-block-self = You cannot block yourself.
access-block-owners-only = Only owners can block an owner.
access-block-last-owner = The last owner cannot be blocked.
access-block-already-blocked = Already blocked.
access-block-not-blocked = This person is not blocked.

## Access: its card on the panel's dashboard.
access-card-requests = Staff requests
access-card-requests-pending = Waiting for a decision
access-card-requests-postponed = Postponed
access-card-requests-decided-today = Decided today
