feedback-menu = ✉️ Write to us
feedback-ask = Write your message (you can attach a photo). It goes straight to our team.
feedback-preview = <b>Your message</b>

    { $text }

    Send it?
feedback-send = Send
feedback-cancel = Cancel
feedback-sent = Thank you! Your message has been sent to our team.
feedback-cancelled = Your message was not sent.
feedback-empty = Please write a few words or attach a photo.
feedback-too-long = That is too long: please keep it under { $max } characters.
feedback-text-please = Please send text or a photo.
feedback-staff-notice = <b>New message</b> from { $author }:

    { $text }
command-feedback = Write to the team
feedback-unseen-notice = <b>Still unseen</b> after a day, from { $author }:

    { $text }
feedback-seen-button = ✓ Seen
feedback-seen-done = Marked seen; the author has been told.
feedback-seen-already-seen = Someone on the team has already marked it seen.
feedback-seen-not-found = That message is no longer here.
feedback-seen-not-allowed = You can no longer read messages to the team.
feedback-seen-by-team = Our team has read your message. Thank you for writing!
feedback-new-reader = You will now receive the messages people send the team. { $unseen ->
    [0] Nothing is waiting unseen.
    [one] One message is waiting unseen.
   *[other] { $unseen } messages are waiting unseen.
}
feedback-card-title = Messages to the team
feedback-card-unseen = Unseen
feedback-card-week = Received this week
