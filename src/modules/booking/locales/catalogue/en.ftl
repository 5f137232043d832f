## Booking: why a change of the salon's catalogue (locations, services, masters, hours, rules) was refused.
booking-catalogue-name-missing = Please give a name (up to 100 characters).
booking-catalogue-text-too-long = The address or description is too long (at most 1000 characters).
booking-catalogue-time-zone-unknown = That time zone is unknown. Please give an IANA zone like Europe/Berlin.
booking-catalogue-duration-out-of-range = The duration must be a whole number of minutes from 5 to 480.
booking-catalogue-price-invalid = The price must be from 0 to 100,000,000 in the service's currency, with no more decimals than the currency has.
booking-catalogue-currency-invalid = The currency must be an ISO 4217 code such as EUR, RUB or UZS.
booking-catalogue-buffer-out-of-range = The time before and after must each be 0 to 120 minutes.
booking-catalogue-slot-step-out-of-range = The step between start times must be 5 to 120 minutes.
booking-catalogue-capacity-invalid = The capacity must be at least 1.
booking-catalogue-prepayment-invalid = The prepayment must be more than 0 and at most the price.
booking-catalogue-interval-invalid = { $weekday ->
        [1] Monday
        [2] Tuesday
        [3] Wednesday
        [4] Thursday
        [5] Friday
        [6] Saturday
        [7] Sunday
       *[other] That day
    }: each interval must start before it ends, within 00:00-24:00.
booking-catalogue-intervals-overlap = { $weekday ->
        [1] Monday
        [2] Tuesday
        [3] Wednesday
        [4] Thursday
        [5] Friday
        [6] Saturday
        [7] Sunday
       *[other] That day
    }: the intervals overlap. Leave a break between them or join them.
booking-catalogue-weekday-invalid = The days of the week are numbered 1 (Monday) to 7 (Sunday).
booking-catalogue-rule-invalid = { $rule ->
        [minNoticeMin] The minimum notice
        [horizonDays] The booking horizon
        [cancelWindowMin] The cancel window
        [rescheduleWindowMin] The reschedule window
        [maxReschedules] The number of moves per booking
        [maxActivePerClient] The number of bookings per client
       *[other] That rule
    } must be a whole number, at least 1 for the horizon and the bookings per client, else at least 0.
booking-catalogue-reminders-invalid = Reminders: at most 5, each a different whole number of minutes from 1 to 43200 (30 days) before the visit.
booking-catalogue-hold-invalid = The hold for an unpaid prepayment must be 1 to 1440 minutes.
booking-catalogue-telegram-invalid = That Telegram id cannot be used: it is a positive number.
booking-catalogue-telegram-taken = That Telegram account is already linked to another master.
booking-catalogue-location-unknown = There is no such location.
booking-catalogue-location-inactive = That location is closed. Please open it first.
booking-catalogue-location-has-masters = Masters still work at that location. Please deactivate or move them first.
booking-catalogue-service-unknown = There is no such service.
booking-catalogue-master-unknown = There is no such master.
