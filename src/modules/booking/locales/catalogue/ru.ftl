## Booking: why a change of the salon's catalogue (locations, services, masters, hours, rules) was refused.
booking-catalogue-name-missing = Укажите название или имя (до 100 символов).
booking-catalogue-text-too-long = Адрес или описание слишком длинные (не более 1000 символов).
booking-catalogue-time-zone-unknown = Такой часовой пояс неизвестен. Укажите пояс IANA, например Europe/Moscow.
booking-catalogue-duration-out-of-range = Длительность — целое число минут от 5 до 480.
booking-catalogue-price-invalid = Цена — от 0 до 100 000 000 в валюте услуги, без лишних знаков после запятой.
booking-catalogue-currency-invalid = Валюта — код ISO 4217, например RUB, UZS или EUR.
booking-catalogue-buffer-out-of-range = Время до и после услуги — от 0 до 120 минут каждое.
booking-catalogue-slot-step-out-of-range = Шаг между началами записи — от 5 до 120 минут.
booking-catalogue-capacity-invalid = Вместимость — не меньше 1.
booking-catalogue-prepayment-invalid = Предоплата должна быть больше 0 и не больше цены.
booking-catalogue-interval-invalid = { $weekday ->
        [1] Понедельник
        [2] Вторник
        [3] Среда
        [4] Четверг
        [5] Пятница
        [6] Суббота
        [7] Воскресенье
       *[other] Этот день
    }: каждый интервал должен начинаться раньше, чем заканчивается, в пределах 00:00–24:00.
booking-catalogue-intervals-overlap = { $weekday ->
        [1] Понедельник
        [2] Вторник
        [3] Среда
        [4] Четверг
        [5] Пятница
        [6] Суббота
        [7] Воскресенье
       *[other] Этот день
    }: интервалы пересекаются. Оставьте между ними перерыв или объедините их.
booking-catalogue-weekday-invalid = Дни недели нумеруются от 1 (понедельник) до 7 (воскресенье).
booking-catalogue-rule-invalid = { $rule ->
        [minNoticeMin] Минимальное время до записи
        [horizonDays] Горизонт записи
        [cancelWindowMin] Срок отмены
        [rescheduleWindowMin] Срок переноса
        [maxReschedules] Число переносов одной записи
        [maxActivePerClient] Число записей одного клиента
       *[other] Это правило
    }: нужно целое число, не меньше 1 для горизонта и числа записей клиента, для остальных — не меньше 0.
booking-catalogue-reminders-invalid = Напоминания: не больше 5, каждое — разное целое число минут от 1 до 43200 (30 дней) до визита.
booking-catalogue-hold-invalid = Бронь до оплаты предоплаты — от 1 до 1440 минут.
booking-catalogue-telegram-invalid = Этот Telegram id нельзя использовать: это положительное число.
booking-catalogue-telegram-taken = Этот аккаунт Telegram уже привязан к другому мастеру.
booking-catalogue-location-unknown = Такого филиала нет.
booking-catalogue-location-inactive = Этот филиал закрыт. Сначала откройте его.
booking-catalogue-location-has-masters = В этом филиале ещё работают мастера. Сначала деактивируйте или переведите их.
booking-catalogue-service-unknown = Такой услуги нет.
booking-catalogue-master-unknown = Такого мастера нет.
