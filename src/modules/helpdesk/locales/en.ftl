helpdesk-command-tickets = My requests to support
helpdesk-unsupported = I can take text, photos, documents, voice messages and videos. Please write your question or attach a file.
helpdesk-told-opened = Your request <b>#{ $number }</b> is with our support team. We will answer here; write or attach anything else you want to add.
helpdesk-told-taken = A specialist has taken your request <b>#{ $number }</b>.
helpdesk-told-reopened = Your request <b>#{ $number }</b> is open again: we will answer here.
helpdesk-told-resolved = Your request <b>#{ $number }</b> is resolved. If you still need help, just write here and it opens again.
helpdesk-told-closed = Your request <b>#{ $number }</b> is closed. Write here whenever you need us again.
helpdesk-answer = <b>{ $name }</b>:
    { $text }
helpdesk-answer-anonymous = <b>Support</b>:
    { $text }
helpdesk-reply-not-allowed = This did not reach the requester: only specialists answer requests.
helpdesk-reply-closed = This did not reach the requester: the request is closed.
helpdesk-reply-unsupported = This did not reach the requester: send text, a photo, a document, a voice message or a video.
helpdesk-status-new = New
helpdesk-status-open = In progress
helpdesk-status-waiting = Waiting for the requester
helpdesk-status-resolved = Resolved
helpdesk-status-closed = Closed
helpdesk-card-title = <b>Request #{ $number }</b> · { $status }
helpdesk-card-from = From: { $person }
helpdesk-card-category = Category: { $category }
helpdesk-card-earlier = { $count ->
    [0] First request
    [one] One earlier request
   *[other] { $count } earlier requests
}
helpdesk-card-assignee = Specialist: { $person }
helpdesk-card-claim = Take it
helpdesk-card-resolve = Resolve
helpdesk-thread-closed-by-requester = The requester closed request #{ $number }.
helpdesk-tickets-none = You have no requests yet. Just write your question here.
helpdesk-tickets-title = Your requests:
helpdesk-tickets-line = #{ $number } · { $status } · { $date }
helpdesk-tickets-close = Close #{ $number }
helpdesk-close-done = Closed.
helpdesk-close-not-found = That request is not here.
helpdesk-close-closed = That request is already closed.
helpdesk-claim-done = Request #{ $number } is yours.
helpdesk-claim-not-allowed = Only specialists take requests.
helpdesk-claim-not-found = That request is no longer here.
helpdesk-claim-finished = That request is already resolved or closed.
helpdesk-claim-already-yours = That request is already yours.
helpdesk-resolve-done = Request #{ $number } is resolved; the requester has been told.
helpdesk-resolve-not-allowed = Only specialists resolve requests.
helpdesk-resolve-not-found = That request is no longer here.
helpdesk-resolve-finished = That request is already resolved or closed.
