# The booking module's panel pages: calendar, salon, clients, reviews and refunds, time off, analytics.

booking-nav-bookings = Bookings
booking-nav-salon = Salon
booking-nav-clients = Clients
booking-nav-after-visit = Reviews & refunds
booking-nav-time-off = Time off
booking-nav-analytics = Analytics
role-master = master
