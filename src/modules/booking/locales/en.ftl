## Booking: the client's flow and "My bookings".
booking-menu-book = 📅 Book
booking-menu-mine = 🗓 My bookings
command-book = Book a visit
command-mybookings = Your bookings
booking-no-services = Booking is not open yet: there is nothing to book. Please try again later.
booking-choose-service = What would you like to book?
booking-service-button = { $name } · { $minutes } min · { $price }
booking-service-gone = That service can no longer be booked. Please start again with /book.
booking-choose-master = { $service }: who would you like to see?
booking-any-master = Any master
booking-choose-day = Choose a day. 12 — free, 12· — partly booked, 12✕ — fully booked, · — closed.
booking-day-none-left = No free times are left that day. Please choose another.
booking-day-full = That day is fully booked.
booking-day-closed = We are closed that day.
booking-month-out-of-range = Bookings are not open for that month.
booking-choose-time = { $day }: choose a time.
booking-back-to-calendar = « Calendar
booking-cancel-flow = Cancel
booking-flow-cancelled = Nothing was booked.
booking-ask-name = What name should we book under?
booking-name-invalid = Please write your name (up to { $max } characters).
booking-ask-phone = Please share your phone number with the button below, so we can reach you about your visit.
booking-share-contact = 📱 Share my phone number
booking-phone-use-button = Please use the “Share my phone number” button below.
booking-contact-not-yours = Please share your own contact with the button below.
booking-phone-invalid = That phone number cannot be used. Please share your contact with the button below.
booking-contact-thanks = Thank you!
booking-summary = Please check your booking:
    Service: { $service }
    Master: { $master }
    When: { $when }
    Price: { $price }
    Address: { $address }
booking-move-summary = Move your booking to:
    Service: { $service }
    Master: { $master }
    When: { $when }
    Price: { $price }
    Address: { $address }
booking-confirm = ✅ Confirm
booking-confirmed = You are booked: { $service } with { $master }, { $when }. Address: { $address }. See you!
booking-moved = Your booking is moved: { $service } with { $master }, now { $when }. Address: { $address }.
booking-add-to-calendar = 📅 Add to calendar
booking-my-bookings = 🗓 My bookings
booking-taken = Sorry, that time was just taken. These are the next free times:
booking-taken-nothing-near = Sorry, that time was just taken, and there is nothing free soon after it. Please choose another day.
booking-refused-client-limit = You already have { $max } upcoming bookings, the most we can hold for one client. Cancel one or wait until after a visit to book again.
booking-refused-too-soon = That time is too soon: please book at least { $hours ->
        [one] an hour
       *[other] { $hours } hours
    } ahead.
booking-refused-beyond-horizon = We take bookings up to { $days } days ahead. Please choose an earlier day.
booking-refused-cancel-window = It is too late to cancel online: bookings can be cancelled until { $deadline }. Please call us instead.
booking-refused-reschedule-window = It is too late to move this booking online: bookings can be moved until { $deadline }. Please call us instead.
booking-refused-too-many-moves = This booking was already moved { $max ->
        [one] once
       *[other] { $max } times
    }, the most we allow. Please call us to change it.
booking-refused-unavailable = That time cannot be booked any more. Please choose another.
booking-not-found = That booking cannot be changed any more.
booking-move-unchanged = Your booking is already at that time.
booking-move-choose-day = Your visit is { $when }. Choose a new day:
booking-mine-empty = You have no bookings yet.
booking-mine-upcoming = Your upcoming bookings:
booking-mine-none-upcoming = You have no upcoming bookings.
booking-mine-recent = Recent:
booking-status = { $status ->
        [pending] awaiting payment
        [done] visited
        [no_show] missed
        [cancelled] cancelled
       *[confirmed] confirmed
    }
booking-details = { $service } with { $master }
    When: { $when }
    Price: { $price }
    Address: { $address }
    Status: { $status }
booking-reschedule = 🔁 Reschedule
booking-cancel-booking = ✖️ Cancel booking
booking-cancel-ask = Cancel { $line }?
booking-cancel-yes = Yes, cancel it
booking-cancel-keep = No, keep it
booking-cancelled = Your booking is cancelled: { $line }.
booking-ics-caption = Open the file to add the visit to your calendar.
booking-ics-description = Price: { $price }
booking-master-new = New booking: { $service }, { $when }. Client: { $client }, { $phone }.
booking-master-cancelled = Booking cancelled: { $service }, { $when }. Client: { $client }, { $phone }.
booking-master-moved = Booking moved: { $service }, from { $previous } to { $when }. Client: { $client }, { $phone }.
booking-master-moved-away = Booking moved to { $master }: { $service }, { $when }, is no longer yours. Client: { $client }, { $phone }.

## Booking: reminders, prepayments, the waitlist and reviews.
booking-reminder = Reminder: { $service } with { $master } { $hours ->
        [one] in { $hours } hour
       *[other] in { $hours } hours
    }, { $time } ({ $location }).
booking-reminder-minutes = Reminder: { $service } with { $master } in { $minutes } min, { $time } ({ $location }).
booking-reminder-come = ✅ I'll come
booking-reminder-cancel = ✖ Cancel
booking-coming-thanks = Thank you, see you soon!
booking-reminder-gone = This booking can no longer be changed here.
booking-reminder-cancel-too-late = It is too late to cancel in the bot. Please call us.
booking-reminder-cancelled = Your booking is cancelled.
booking-invoice-label = Prepayment
booking-invoice-description = Prepayment for { $service } with { $master }, { $time }. The time is held for you for { $minutes } min.
booking-payment-unknown = This invoice is not valid any more.
booking-payment-expired = The time held for you has run out. Please book again.
booking-payment-amount = The amount of this invoice has changed. Please book again.
booking-hold-expired = The prepayment for { $service }, { $time } did not arrive in time, so the time was released.
booking-refund-needed = ⚠️ A prepayment of { $amount } for booking #{ $booking } ({ $time }) arrived after its time was taken. Please refund it in the payment provider (charge { $charge }).
booking-paid = Payment received. Your booking is confirmed.
booking-paid-rebooked = Payment received. The hold had run out, but the time was still free: your booking is confirmed.
booking-paid-refund = Payment received, but the time was taken meanwhile. We will refund you; our staff have been told.
booking-paid-unknown = Payment received, but we could not find its booking. Please contact us.
booking-refund-done-button = Refunded ✓
booking-refund-done = Your prepayment of { $amount } for { $service } ({ $time }) has been refunded. It may take a few days to reach your account.
booking-refund-recorded = Refund of { $amount } for booking #{ $booking } recorded.
booking-refund-already-recorded = This refund has already been recorded.
booking-refund-not-found = There is no such payment to refund.
booking-waitlist-offer = Good news: a time has freed up for { $service } with { $master }, { $time }. It is held for you for { $minutes } min.
booking-waitlist-take = ✅ Book it
booking-waitlist-skip = No thanks
booking-waitlist-join = 🕓 Join the waitlist
booking-day-full-waitlist = { $day } is fully booked. Join the waitlist, and we will offer you a time as soon as one frees up.
booking-waitlist-joined = You are on the waitlist (number { $place } in line). We will write as soon as a time frees up.
booking-waitlist-already = You are already on the waitlist for this.
booking-waitlist-not-offered = This service cannot be waited for.
booking-waitlist-date-invalid = That date cannot be used.
booking-waitlist-in-the-past = That day has already passed.
booking-waitlist-beyond-horizon = Bookings are not open for that day yet.
booking-waitlist-not-full = There are still free times for this: please book one of them instead.
booking-waitlist-too-many = You are already on the waitlist as many times as one person can be ({ $max }). Leave one of them in My waitlist to join another.
booking-waitlist-offer-gone = This offer is no longer open.
booking-waitlist-cannot-book = This time cannot be booked for you any more.
booking-waitlist-booked = Booked: { $time }.
booking-waitlist-booked-pay = Booked: { $time }. An invoice for the prepayment follows.
booking-waitlist-skipped = All right, we have offered the time to the next person.
booking-waitlist-mine-button = 🕓 My waitlist
booking-waitlist-mine-button-count = 🕓 My waitlist ({ $count })
booking-waitlist-mine = You are on the waitlist for:
booking-waitlist-mine-empty = You are not on the waitlist.
booking-waitlist-mine-offered = offered: { $time }, held for you until { $until }
booking-waitlist-any-time = any time
booking-waitlist-any-master = any master
booking-waitlist-leave = ✖ Leave: { $line }
booking-waitlist-left = You have left the waitlist: { $line }.
booking-waitlist-entry-gone = You are no longer on the waitlist for this.
booking-review-ask = How was { $service } with { $master }? Please rate your visit.
booking-review-ask-text = Thank you! Would you like to add a few words (up to { $max } characters)?
booking-review-skip = Skip
booking-review-thanks = Thank you for your review!
booking-review-already = You have already rated this visit.
booking-review-gone = This review can no longer be changed.
booking-review-text-please = Please write your review as text, or press “Skip”.
booking-review-text-empty = The review is empty. Please write a few words, or press “Skip”.
booking-review-text-too-long = Please keep it to { $max } characters.

## Booking: masters' day and week, marking visits, the calendar feed.
booking-staff-menu-day = 🗓 My day
booking-staff-menu-week = 📆 My week
booking-staff-menu-feed = 🔗 Calendar feed
booking-staff-command-myday = Your bookings today
booking-staff-command-myweek = Your bookings this week
booking-staff-not-master = Your account is not linked to a master's schedule. Please ask an administrator to link it.
booking-staff-day-title = Your bookings, { $day }:
booking-staff-day-empty = You have no bookings on { $day }.
booking-staff-week-title = Your bookings from { $from } to { $to }:
booking-staff-week-empty = You have no bookings from { $from } to { $to }.
booking-staff-line = { $time } · { $service } · { $client }, { $phone } — { $status }
booking-staff-mark-done = ✅ { $time } came
booking-staff-mark-no-show = 🚫 No-show
booking-staff-marked = { $time }, { $client }: { $status }.
booking-staff-refused-not-started = The visit at { $time } has not started yet: mark it once it has begun.
booking-staff-refused-not-confirmed = The visit at { $time } is not confirmed, so it cannot be marked.
booking-staff-refused-final = The visit at { $time } is already marked or cancelled.
booking-staff-refused-not-yours = That booking is not on your schedule.
booking-staff-feed = Your calendar feed. Subscribe to this address in your calendar app (Google Calendar: “Other calendars” → “From URL”; Apple Calendar: “New Calendar Subscription”). Keep it private: asking for a new one closes this one.
    { $url }
booking-staff-client-booked = You are booked: { $service } with { $master }, { $time } ({ $location }). See you!
booking-staff-client-cancelled = Your booking was cancelled by the salon: { $service } with { $master }, { $time }. Please contact us or book another time.
booking-staff-client-moved = Your booking was moved by the salon: { $service } with { $master }, now { $time } ({ $location }).
booking-staff-feed-name = { $master } — bookings
booking-staff-feed-description = Client: { $client }, { $phone }. Price: { $price }.

## Booking: the salon's admin area (booking.manage): a day's bookings, cancel and move, booking for a client.
booking-admin-menu = 🛠 Salon
booking-admin-command = Run the salon: bookings, services, masters
booking-admin-title = Salon administration. What would you like to do?
booking-admin-today = 📋 Bookings today
booking-admin-today-short = Today
booking-admin-new = ➕ New booking
booking-admin-home = « Salon
booking-admin-day-title = Bookings, { $day }:
booking-admin-day-empty = No bookings on { $day }.
booking-admin-cancel-button = ✖ { $label }
booking-admin-move-button = 🔁 { $label }
booking-admin-show-day = 📋 { $day }
booking-admin-booking = { $client }, { $phone }: { $service } with { $master }, { $when }
booking-admin-cancel-ask = Cancel this booking? The client and the master will be told.
    { $booking }
booking-admin-cancelled = Cancelled: { $booking }.
booking-admin-changed-meanwhile = This booking was changed meanwhile, so it was not cancelled. Please look at the day again.
booking-admin-not-changeable = That booking cannot be changed any more: it is done, missed or cancelled.
booking-admin-unchanged = The booking is already at that time with that master.
booking-admin-refused-outside-hours = That time is outside the master's working hours. Please choose one of the free times.
booking-admin-refused-in-the-past = That time has already passed. Please choose a later one.
booking-admin-refused-unavailable = That time cannot be booked. Please choose another.
booking-admin-choose-service = New booking for a client. Which service?
booking-admin-choose-master = { $service }: which master?
booking-admin-other-master = 👤 Another master
booking-admin-choose-time = { $day }, { $master }: choose a time.
booking-admin-no-times = { $day }, { $master }: no free times. Choose another day or master.
booking-admin-move-what = Moving: { $client }, { $service } with { $master }, { $when }.
booking-admin-ask-name = The client's name?
booking-admin-name-invalid = Please write the client's name (up to { $max } characters).
booking-admin-ask-phone = The client's phone number, as you would dial it here or with the country code, or share their contact?
booking-admin-phone-invalid = That is not a phone number. Please write it as you would dial it here (for example 0151 23456789 in Germany) or with the country code (+49 151 23456789).
booking-admin-known-client = { $name }, { $phone } (a known client{ $bot ->
        [yes] , uses the bot: they will be told
       *[other] {""}
    })
booking-admin-summary = Please check the booking:
    Service: { $service }
    Master: { $master }
    When: { $when }
    Price: { $price }
    Client: { $client }
booking-admin-move-summary = Move { $client }'s booking ({ $service })?
    From: { $from }
    To: { $to }
booking-admin-booked = Booked: { $service } with { $master }, { $when }, for { $client }, { $phone }.
booking-admin-moved = Moved: { $service } with { $master }, now { $when }, for { $client }, { $phone }.
booking-admin-nothing-booked = Nothing was booked.
booking-admin-nothing-moved = The booking was not moved.
booking-admin-services = 💇 Services
booking-admin-masters = 👤 Masters
booking-admin-rules = ⚙️ Rules
booking-admin-services-title = Services (press one to change it):
booking-admin-service-line = { $active ->
        [yes] • { $name } · { $minutes } min · { $price }
       *[other] • { $name } · { $minutes } min · { $price } — not offered
    }
booking-admin-service-card = { $active ->
        [yes] { $name }
       *[other] { $name } (not offered to clients)
    }
    Duration: { $minutes } min
    Price: { $price }
    Masters: { $masters }
booking-admin-deactivate = ⏸ Stop offering
booking-admin-activate = ▶ Offer again
booking-admin-change-price = 💶 Price
booking-admin-change-duration = ⏱ Duration
booking-admin-service-activated = { $name } is offered to clients again.
booking-admin-service-deactivated = { $name } is no longer offered to clients. Bookings already made stay.
booking-admin-masters-title = Masters:
booking-admin-master-line = • { $name }{ $active ->
        [yes] {""}
       *[other] {" "}(takes no bookings)
    } · { $telegram ->
        [yes] in the bot
       *[other] not in the bot
    } · { $services }
booking-admin-deactivate-master = ⏸ { $name }: stop booking
booking-admin-activate-master = ▶ { $name }: book again
booking-admin-master-activated = { $name } takes bookings again.
booking-admin-master-deactivated = { $name } takes no new bookings.
booking-admin-master-deactivated-with-bookings = { $name } takes no new bookings. { $count ->
        [one] One booking still to come stands
       *[other] { $count } bookings still to come stand
    }: move or cancel them here, and the clients are told.
booking-admin-rules-title = Rules for clients (press one to change it):
booking-admin-rule = { $rule ->
        [minNoticeMin] Minimum notice
        [horizonDays] Horizon
        [cancelWindowMin] Cancel window
        [rescheduleWindowMin] Move window
        [maxReschedules] Moves per booking
        [maxActivePerClient] Bookings per client
        [holdMin] Prepayment hold
       *[other] Reminders
    }
booking-admin-rule-value = { $unit ->
        [min] { $value } min
        [days] { $value } days
        [list] { $value } min before
       *[other] { $value }
    }
booking-admin-ask-price = { $name } costs { $price }. Type the new price, for example 35 or 35.50:
booking-admin-ask-duration = { $name } takes { $minutes } min. Type the new duration in minutes (5 to 480):
booking-admin-ask-rule = { $rule }: now { $value }. Type the new value:
booking-admin-price-invalid = That is not a price. Type a number like 35 or 35.50.
booking-admin-number-invalid = Please type a whole number.
booking-admin-minutes-list-invalid = Please type the minutes before the visit, separated by commas, like 1440, 120.
booking-admin-saved = Saved.
booking-admin-nothing-changed = Nothing was changed.
booking-admin-weekly-hours-button = 🗓 { $name }: hours
booking-admin-weekly-hours-title = { $name }: weekly hours (press a day to change it):
booking-admin-day-off = day off
booking-admin-ask-hours = { $name }, { $day }: now { $hours }. Type the working hours, like 09:00-13:00 14:00-19:00, or off for a day off:
booking-admin-hours-invalid = Please type the hours as intervals, like 09:00-13:00 14:00-19:00, or off for a day off. Nothing was changed.
booking-admin-outside-hours = { $count ->
    [one] This booking still to come is now outside the hours. It stands until you move or cancel it:
   *[other] These { $count } bookings still to come are now outside the hours. They stand until you move or cancel them:
}
booking-admin-day-master = 👤 { $name } ({ $count })
booking-admin-all-masters = 👥 All masters
booking-admin-day-too-long = A busy day: choose a master to see and change their bookings.
booking-admin-pick-day = Choose a day. 12· — a day with bookings.

## Time off in the bot (admins).
booking-timeoff-menu = 🌴 Time off
booking-timeoff-whose = Time off: whose time?
booking-timeoff-which-day = { $master }: which day?
booking-timeoff-what = { $day }: the whole day off, or a few hours?
booking-timeoff-whole-day = Whole day off
booking-timeoff-some-hours = Block hours
booking-timeoff-ask-hours = Type the hours to block, like 12:00-14:00.
booking-timeoff-hours-invalid = Please type the hours as a start and a later end, like 12:00-14:00, not yet over.
booking-timeoff-hits = { $count ->
    [one] This hits a booking. Move it to a free master (same time) or cancel it; the client is told.
   *[other] This hits { $count } bookings. For each, move it to a free master (same time) or cancel it; the clients are told.
}
booking-timeoff-move = → { $master }
booking-timeoff-cancel = ✖ Cancel it
booking-timeoff-apply = ✔ Apply
booking-timeoff-done = Done: time off for { $master } on { $day } saved. Bookings moved: { $moved }, cancelled: { $cancelled }.
booking-timeoff-dropped = Time off not added.
booking-timeoff-resolution-refused = Booking #{ $booking } could not be moved meanwhile, so nothing was changed. Start again to see who is free now.
booking-timeoff-refused = That time off could not be added (something else holds that time, or the master is gone). Nothing was changed.
booking-timeoff-holiday = 🏖 Holiday (whole salon)
booking-timeoff-holiday-which-day = Holiday: which day is the whole salon closed?
booking-timeoff-holiday-done = Done: the salon is closed on { $day }. Bookings moved: { $moved }, cancelled: { $cancelled }.
booking-timeoff-holidays = Upcoming holidays:
booking-timeoff-holiday-remove = Remove holiday { $day }
booking-timeoff-holiday-removed = Holiday removed: the salon is open that day again.
booking-timeoff-holiday-gone = That holiday is already gone. Nothing was changed.

## Booking: someone given the master role, and the master record that goes with it.
booking-master-role-linked = 🧑‍🎨 You are { $master } in the salon's schedule now. /myday and /myweek show your bookings, you can mark a visit done or a no-show there, and you are told of every booking made, moved or cancelled with you.
booking-master-role-created = 🧑‍🎨 You are a master now, listed as { $master }. Once an administrator gives you services and working hours, clients can book you; /myday and /myweek show your bookings, and you are told of every booking made with you.
booking-master-role-pending = 🧑‍🎨 You are a master now. An administrator is linking your account to your schedule; then /myday and /myweek show your bookings.
booking-master-role-which = { $name } now holds the master role. Which master in the schedule is this?
booking-master-role-link = It is { $master }
booking-master-role-new = A new master: { $name }
booking-master-role-done = ✅ Linked to { $master }: they now see their bookings in the bot.
booking-master-role-no-location = The salon has no open location to add a master to. Open one on the Salon page first.

## Booking: its cards on the panel's dashboard.
booking-card-today = Today's visits
booking-card-tomorrow = Tomorrow's visits
booking-card-visits-total = All masters
booking-card-visits-master = { $master }
booking-card-week = This week
booking-card-week-booked = Booked
booking-card-week-done = Done
booking-card-week-no-shows = No-shows
booking-card-week-cancelled = Cancellations
booking-card-week-new-clients = New clients
booking-card-week-returning-clients = Returning clients
booking-card-refunds = Refunds to make
booking-card-refunds-waiting = Prepayments to refund
