access-role = { $role ->
    [owner] owner
    [admin] admin
   *[other] { $role }
}
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
