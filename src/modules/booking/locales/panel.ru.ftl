# Страницы панели модуля записи: календарь, салон, клиенты, отзывы и возвраты, отгулы, аналитика.

booking-nav-bookings = Записи
booking-nav-salon = Салон
booking-nav-clients = Клиенты
booking-nav-after-visit = Отзывы и возвраты
booking-nav-time-off = Выходные
booking-nav-analytics = Аналитика
role-master = мастер
