## Booking: the panel's calendar (answers of /api/booking/...).
booking-web-not-found = Такой записи нет (возможно, её только что удалили).
booking-web-not-offered = Этот мастер не оказывает эту услугу.
booking-web-taken = Это время только что заняли. Выберите другое свободное время.
booking-web-full = В этой группе нет мест. Выберите другое время.
booking-web-outside-hours = Это время вне рабочих часов мастера.
booking-web-off-grid = В это время услуга не начинается. Выберите свободное время из списка.
booking-web-in-the-past = Это время уже прошло.
booking-web-service-inactive = Эта услуга больше не оказывается.
booking-web-already-final = Запись уже состоялась, пропущена или отменена: её нельзя изменить.
booking-web-unchanged = Запись уже стоит на это время у этого мастера.
booking-web-name-missing = Укажите имя клиента.
booking-web-phone-invalid = Укажите телефон клиента в международном формате, например +7 912 345-67-89.
booking-web-client-unknown = Такого клиента нет.
booking-web-range-invalid = Выберите диапазон дней: от начала до конца не более чем через { $max } дн.
booking-web-refused = Запись не удалось изменить.
booking-web-period-invalid = Выберите период: от первого дня до последнего не более чем через { $max } дн.
