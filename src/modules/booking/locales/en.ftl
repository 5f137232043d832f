## Booking: reminders, prepayments, the waitlist and reviews.
booking-reminder = Reminder: { $service } with { $master } { $hours ->
        [one] in { $hours } hour
       *[other] in { $hours } hours
    }, { $time } ({ $location }).
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
booking-waitlist-offer = Good news: a time has freed up for { $service } with { $master }, { $time }. It is held for you for { $minutes } min.
booking-waitlist-take = ✅ Book it
booking-waitlist-skip = No thanks
booking-waitlist-joined = You are on the waitlist (number { $place } in line). We will write as soon as a time frees up.
booking-waitlist-already = You are already on the waitlist for this.
booking-waitlist-not-offered = This service cannot be waited for.
booking-waitlist-date-invalid = That date cannot be used.
booking-waitlist-in-the-past = That day has already passed.
booking-waitlist-beyond-horizon = Bookings are not open for that day yet.
booking-waitlist-offer-gone = This offer is no longer open.
booking-waitlist-cannot-book = This time cannot be booked for you any more.
booking-waitlist-booked = Booked: { $time }.
booking-waitlist-booked-pay = Booked: { $time }. An invoice for the prepayment follows.
booking-waitlist-skipped = All right, we have offered the time to the next person.
booking-review-ask = How was { $service } with { $master }? Please rate your visit.
booking-review-ask-text = Thank you! Would you like to add a few words (up to { $max } characters)?
booking-review-skip = Skip
booking-review-thanks = Thank you for your review!
booking-review-already = You have already rated this visit.
booking-review-gone = This review can no longer be changed.
booking-review-text-please = Please write your review as text, or press “Skip”.
booking-review-text-empty = The review is empty. Please write a few words, or press “Skip”.
booking-review-text-too-long = Please keep it to { $max } characters.
