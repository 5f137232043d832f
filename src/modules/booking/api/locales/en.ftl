## Booking: the panel's calendar (answers of /api/booking/...).
booking-web-not-found = There is no such booking (it may have been removed meanwhile).
booking-web-not-offered = That master does not offer that service.
booking-web-taken = That time was just taken. Please choose another free time.
booking-web-full = That class is full. Please choose another time.
booking-web-outside-hours = That time is outside the master's working hours.
booking-web-off-grid = That time is not one of the service's start times. Please choose a free time from the list.
booking-web-in-the-past = That time has already passed.
booking-web-service-inactive = That service is not offered any more.
booking-web-already-final = This booking is already done, missed or cancelled: it cannot be changed.
booking-web-unchanged = The booking is already at that time with that master.
booking-web-name-missing = Please give the client's name.
booking-web-phone-invalid = Please give the client's phone in international form, like +49 151 1234567.
booking-web-client-unknown = There is no such client.
booking-web-range-invalid = Please choose a range of days from a start to an end at most { $max } days later.
booking-web-refused = The booking could not be changed.
booking-web-period-invalid = Please choose a period from a first day to a last day at most { $max } days later.
booking-web-refund-not-found = There is no such payment to refund.
booking-web-refund-already-recorded = This refund has already been recorded.
booking-web-refund-note-too-long = The note is too long: at most { $max } characters.

## Booking: time off (answers of /api/booking/time-off/...).
booking-web-time-off-hits = { $count ->
    [one] This time off hits a booking. Choose what to do with it: move it to a free master or cancel it (the client is told).
   *[other] This time off hits { $count } bookings. Choose what to do with each: move it to a free master or cancel it (the client is told).
}
booking-web-time-off-resolution-refused = Booking #{ $booking } could not be moved or cancelled: { $why } Nothing was changed.
booking-web-time-off-taken = Something else holds part of that time (a slot offered to a client from the waitlist). Nothing was changed.
booking-web-time-off-not-found = There is no such master or entry (it may have been removed meanwhile).
booking-web-time-off-days-invalid = Please choose real days, the first not after the last.
booking-web-time-off-hours-invalid = Please give the day's hours as times from a start to a later end, not overlapping.
booking-web-time-off-range-invalid = Please choose a block that starts before it ends, has not already ended, and lasts at most { $max } days.
booking-web-time-off-reason-too-long = Please keep the note to { $max } characters.
booking-segment-clients = Booking clients (with Telegram)
booking-segment-service = Booking clients of a service
booking-segment-service-param = Service
booking-segment-inactive = Booking clients without a visit for N days
booking-segment-inactive-param = Days
booking-web-client-client-unknown = There is no such client.
booking-web-client-name-missing = Please give the client's name (up to 100 characters).
booking-web-client-phone-invalid = That is not a phone number. Write it as you would dial it here, or with the country code.
booking-web-client-phone-taken = Another client has this phone number. If they are the same person, their records are merged when they share it in the bot.
booking-web-client-note-too-long = The note is too long (at most 2000 characters).
