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
