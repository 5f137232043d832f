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
booking-web-refund-not-found = Такого платежа к возврату нет.
booking-web-refund-already-recorded = Этот возврат уже отмечен.
booking-web-refund-note-too-long = Примечание слишком длинное: не больше { $max } символов.

## Booking: time off (answers of /api/booking/time-off/...).
booking-web-time-off-hits = { $count ->
    [one] Это время затрагивает { $count } запись. Выберите, что с ней сделать: перенести к свободному мастеру или отменить (клиент получит уведомление).
    [few] Это время затрагивает { $count } записи. Выберите для каждой: перенести к свободному мастеру или отменить (клиенты получат уведомления).
   *[other] Это время затрагивает { $count } записей. Выберите для каждой: перенести к свободному мастеру или отменить (клиенты получат уведомления).
}
booking-web-time-off-resolution-refused = Запись №{ $booking } не удалось перенести или отменить: { $why } Ничего не изменено.
booking-web-time-off-taken = Часть этого времени уже занята другим (слот, предложенный клиенту из листа ожидания). Ничего не изменено.
booking-web-time-off-not-found = Такого мастера или записи нет (возможно, их уже убрали).
booking-web-time-off-days-invalid = Выберите существующие дни, первый не позже последнего.
booking-web-time-off-hours-invalid = Укажите часы дня как интервалы от начала до более позднего конца, без пересечений.
booking-web-time-off-range-invalid = Выберите блок, который начинается раньше, чем заканчивается, ещё не закончился и длится не больше { $max } дн.
booking-web-time-off-reason-too-long = Сократите заметку до { $max } символов.
booking-segment-clients = Клиенты записи (с Telegram)
booking-segment-service = Клиенты записи на услугу
booking-segment-service-param = Услуга
booking-segment-inactive = Клиенты записи без визитов N дней
booking-segment-inactive-param = Дней
booking-web-client-client-unknown = Такого клиента нет.
booking-web-client-name-missing = Укажите имя клиента (до 100 символов).
booking-web-client-phone-invalid = Это не номер телефона. Напишите его так, как набираете здесь, или с кодом страны.
booking-web-client-phone-taken = Этот номер уже у другого клиента. Если это один человек, его записи объединятся, когда он поделится номером в боте.
booking-web-client-note-too-long = Заметка слишком длинная (не более 2000 символов).
