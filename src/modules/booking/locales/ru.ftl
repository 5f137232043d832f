## Запись: путь клиента и «Мои записи».
booking-menu-book = 📅 Записаться
booking-menu-mine = 🗓 Мои записи
command-book = Записаться на визит
command-mybookings = Ваши записи
booking-no-services = Запись пока не открыта: записываться не на что. Попробуйте позже.
booking-choose-service = На что хотите записаться?
booking-service-button = { $name } · { $minutes } мин · { $price }
booking-service-gone = На эту услугу больше нельзя записаться. Начните заново: /book.
booking-choose-master = { $service }: к кому хотите записаться?
booking-any-master = Любой мастер
booking-choose-day = Выберите день. 12 — свободно, 12· — частично занято, 12✕ — всё занято, · — не работаем.
booking-day-none-left = В этот день свободного времени не осталось. Выберите другой день.
booking-day-full = Этот день полностью занят.
booking-day-closed = В этот день мы не работаем.
booking-month-out-of-range = На этот месяц запись не открыта.
booking-choose-time = { $day }: выберите время.
booking-back-to-calendar = « Календарь
booking-cancel-flow = Отмена
booking-flow-cancelled = Запись не создана.
booking-ask-name = На какое имя записать?
booking-name-invalid = Пожалуйста, напишите имя (не длиннее { $max } символов).
booking-ask-phone = Поделитесь номером телефона кнопкой ниже, чтобы мы могли связаться с вами по поводу визита.
booking-share-contact = 📱 Поделиться номером
booking-phone-use-button = Пожалуйста, нажмите кнопку «Поделиться номером» ниже.
booking-contact-not-yours = Пожалуйста, поделитесь своим контактом кнопкой ниже.
booking-phone-invalid = Этот номер не подходит. Поделитесь контактом кнопкой ниже.
booking-contact-thanks = Спасибо!
booking-summary = Проверьте запись:
    Услуга: { $service }
    Мастер: { $master }
    Когда: { $when }
    Цена: { $price }
    Адрес: { $address }
booking-move-summary = Перенести запись на:
    Услуга: { $service }
    Мастер: { $master }
    Когда: { $when }
    Цена: { $price }
    Адрес: { $address }
booking-confirm = ✅ Подтвердить
booking-confirmed = Вы записаны: { $service }, мастер { $master }, { $when }. Адрес: { $address }. Ждём вас!
booking-moved = Запись перенесена: { $service }, мастер { $master }, теперь { $when }. Адрес: { $address }.
booking-add-to-calendar = 📅 Добавить в календарь
booking-my-bookings = 🗓 Мои записи
booking-taken = К сожалению, это время только что заняли. Ближайшее свободное время:
booking-taken-nothing-near = К сожалению, это время только что заняли, а рядом свободного нет. Выберите другой день.
booking-refused-client-limit = У вас уже максимум предстоящих записей для одного клиента ({ $max }). Отмените одну из них или запишитесь после визита.
booking-refused-too-soon = Это время слишком близко: записывайтесь минимум за { $hours ->
        [one] { $hours } час
        [few] { $hours } часа
       *[other] { $hours } часов
    }.
booking-refused-beyond-horizon = Мы записываем не дальше чем на { $days } дн. вперёд. Выберите день пораньше.
booking-refused-cancel-window = Отменить онлайн уже нельзя: отмена возможна до { $deadline }. Пожалуйста, позвоните нам.
booking-refused-reschedule-window = Перенести онлайн уже нельзя: перенос возможен до { $deadline }. Пожалуйста, позвоните нам.
booking-refused-too-many-moves = Эту запись уже переносили { $max ->
        [one] { $max } раз
        [few] { $max } раза
       *[other] { $max } раз
    } — больше нельзя. Позвоните нам, чтобы её изменить.
booking-refused-unavailable = На это время записаться уже нельзя. Выберите другое.
booking-not-found = Эту запись уже нельзя изменить.
booking-move-unchanged = Ваша запись уже на это время.
booking-move-choose-day = Ваш визит: { $when }. Выберите новый день:
booking-mine-empty = У вас пока нет записей.
booking-mine-upcoming = Ваши предстоящие записи:
booking-mine-none-upcoming = Предстоящих записей нет.
booking-mine-recent = Недавние:
booking-status = { $status ->
        [pending] ждёт оплаты
        [done] визит состоялся
        [no_show] визит пропущен
        [cancelled] отменена
       *[confirmed] подтверждена
    }
booking-details = { $service }, мастер { $master }
    Когда: { $when }
    Цена: { $price }
    Адрес: { $address }
    Статус: { $status }
booking-reschedule = 🔁 Перенести
booking-cancel-booking = ✖️ Отменить запись
booking-cancel-ask = Отменить запись: { $line }?
booking-cancel-yes = Да, отменить
booking-cancel-keep = Нет, оставить
booking-cancelled = Запись отменена: { $line }.
booking-ics-caption = Откройте файл, чтобы добавить визит в календарь.
booking-ics-description = Цена: { $price }
booking-master-new = Новая запись: { $service }, { $when }. Клиент: { $client }, { $phone }.
booking-master-cancelled = Запись отменена: { $service }, { $when }. Клиент: { $client }, { $phone }.
booking-master-moved = Запись перенесена: { $service }, с { $previous } на { $when }. Клиент: { $client }, { $phone }.
booking-master-moved-away = Запись передана мастеру { $master }: { $service }, { $when }, больше не у вас. Клиент: { $client }, { $phone }.

## Запись: напоминания, предоплата, лист ожидания и отзывы.
booking-reminder = Напоминание: { $service }, мастер { $master }, { $hours ->
        [one] через { $hours } час
        [few] через { $hours } часа
       *[many] через { $hours } часов
    }, { $time } ({ $location }).
booking-reminder-minutes = Напоминание: { $service }, мастер { $master }, через { $minutes } мин, { $time } ({ $location }).
booking-reminder-come = ✅ Приду
booking-reminder-cancel = ✖ Отменить
booking-coming-thanks = Спасибо, до встречи!
booking-reminder-gone = Эту запись здесь уже нельзя изменить.
booking-reminder-cancel-too-late = Отменить в боте уже поздно. Пожалуйста, позвоните нам.
booking-reminder-cancelled = Ваша запись отменена.
booking-invoice-label = Предоплата
booking-invoice-description = Предоплата: { $service }, мастер { $master }, { $time }. Время держится за вами { $minutes } мин.
booking-payment-unknown = Этот счёт больше не действует.
booking-payment-expired = Время, которое держалось за вами, истекло. Пожалуйста, запишитесь снова.
booking-payment-amount = Сумма этого счёта изменилась. Пожалуйста, запишитесь снова.
booking-hold-expired = Предоплата за «{ $service }», { $time }, не поступила вовремя, поэтому время освобождено.
booking-refund-needed = ⚠️ Предоплата { $amount } за запись №{ $booking } ({ $time }) пришла, когда время уже было занято. Верните её через платёжного провайдера (платёж { $charge }).
booking-paid = Оплата получена. Ваша запись подтверждена.
booking-paid-rebooked = Оплата получена. Время брони истекло, но оно ещё свободно: ваша запись подтверждена.
booking-paid-refund = Оплата получена, но время тем временем заняли. Мы вернём деньги, сотрудники уже знают.
booking-paid-unknown = Оплата получена, но мы не нашли её запись. Пожалуйста, свяжитесь с нами.
booking-refund-done-button = Возвращено ✓
booking-refund-done = Ваша предоплата { $amount } за «{ $service }» ({ $time }) возвращена. Деньги могут идти до счёта несколько дней.
booking-refund-recorded = Возврат { $amount } по записи №{ $booking } отмечен.
booking-refund-already-recorded = Этот возврат уже отмечен.
booking-refund-not-found = Такого платежа к возврату нет.
booking-waitlist-offer = Хорошая новость: освободилось время — { $service }, мастер { $master }, { $time }. Оно держится за вами { $minutes } мин.
booking-waitlist-take = ✅ Записаться
booking-waitlist-skip = Нет, спасибо
booking-waitlist-join = 🕓 Встать в лист ожидания
booking-day-full-waitlist = { $day } — всё занято. Встаньте в лист ожидания, и мы предложим вам время, как только оно освободится.
booking-waitlist-joined = Вы в листе ожидания (номер { $place } в очереди). Напишем, как только освободится время.
booking-waitlist-already = Вы уже в листе ожидания на это время.
booking-waitlist-not-offered = На эту услугу нельзя встать в лист ожидания.
booking-waitlist-date-invalid = Эту дату нельзя использовать.
booking-waitlist-in-the-past = Этот день уже прошёл.
booking-waitlist-beyond-horizon = Запись на этот день ещё не открыта.
booking-waitlist-not-full = На это ещё есть свободное время: пожалуйста, запишитесь на него.
booking-waitlist-too-many = Вы уже в листе ожидания столько раз, сколько можно одному человеку ({ $max }). Выйдите из одной записи в «Моём листе ожидания», чтобы встать на другое время.
booking-waitlist-offer-gone = Это предложение уже не действует.
booking-waitlist-cannot-book = Это время больше нельзя записать на вас.
booking-waitlist-booked = Вы записаны: { $time }.
booking-waitlist-booked-pay = Вы записаны: { $time }. Сейчас придёт счёт на предоплату.
booking-waitlist-skipped = Хорошо, мы предложили это время следующему в очереди.
booking-waitlist-mine-button = 🕓 Мой лист ожидания
booking-waitlist-mine-button-count = 🕓 Мой лист ожидания ({ $count })
booking-waitlist-mine = Вы в листе ожидания:
booking-waitlist-mine-empty = Вас нет в листе ожидания.
booking-waitlist-mine-offered = предложено: { $time }, держится за вами до { $until }
booking-waitlist-any-time = любое время
booking-waitlist-any-master = любой мастер
booking-waitlist-leave = ✖ Выйти: { $line }
booking-waitlist-left = Вы вышли из листа ожидания: { $line }.
booking-waitlist-entry-gone = Вас уже нет в листе ожидания на это время.
booking-review-ask = Как прошёл визит — { $service }, мастер { $master }? Пожалуйста, оцените его.
booking-review-ask-text = Спасибо! Хотите добавить пару слов (до { $max } символов)?
booking-review-skip = Пропустить
booking-review-thanks = Спасибо за отзыв!
booking-review-already = Вы уже оценили этот визит.
booking-review-gone = Этот отзыв уже нельзя изменить.
booking-review-text-please = Пожалуйста, напишите отзыв текстом или нажмите «Пропустить».
booking-review-text-empty = Отзыв пустой. Напишите пару слов или нажмите «Пропустить».
booking-review-text-too-long = Пожалуйста, уложитесь в { $max } символов.

## Booking: masters' day and week, marking visits, the calendar feed.
booking-staff-menu-day = 🗓 Мой день
booking-staff-menu-week = 📆 Моя неделя
booking-staff-menu-feed = 🔗 Календарь-подписка
booking-staff-command-myday = Ваши записи на сегодня
booking-staff-command-myweek = Ваши записи на неделю
booking-staff-not-master = Ваш аккаунт не привязан к расписанию мастера. Попросите администратора привязать его.
booking-staff-day-title = Ваши записи, { $day }:
booking-staff-day-empty = На { $day } у вас нет записей.
booking-staff-week-title = Ваши записи с { $from } по { $to }:
booking-staff-week-empty = С { $from } по { $to } у вас нет записей.
booking-staff-line = { $time } · { $service } · { $client }, { $phone } — { $status }
booking-staff-mark-done = ✅ { $time } пришёл
booking-staff-mark-no-show = 🚫 Не пришёл
booking-staff-marked = { $time }, { $client }: { $status }.
booking-staff-refused-not-started = Визит в { $time } ещё не начался: отметьте его, когда он начнётся.
booking-staff-refused-not-confirmed = Визит в { $time } не подтверждён, его нельзя отметить.
booking-staff-refused-final = Визит в { $time } уже отмечен или отменён.
booking-staff-refused-not-yours = Этой записи нет в вашем расписании.
booking-staff-feed = Ваш календарь-подписка. Добавьте этот адрес в приложение календаря (Google Календарь: «Другие календари» → «Добавить по URL»; Календарь Apple: «Новая подписка на календарь»). Не делитесь им: новая ссылка закрывает старую.
    { $url }
booking-staff-client-booked = Вы записаны: { $service }, мастер { $master }, { $time } ({ $location }). Ждём вас!
booking-staff-client-cancelled = Салон отменил вашу запись: { $service }, мастер { $master }, { $time }. Свяжитесь с нами или выберите другое время.
booking-staff-client-moved = Салон перенёс вашу запись: { $service }, мастер { $master }, теперь { $time } ({ $location }).
booking-staff-feed-name = { $master } — записи
booking-staff-feed-description = Клиент: { $client }, { $phone }. Цена: { $price }.

## Booking: the salon's admin area (booking.manage): a day's bookings, cancel and move, booking for a client.
booking-admin-menu = 🛠 Салон
booking-admin-command = Управление салоном: записи, услуги, мастера
booking-admin-title = Управление салоном. Что вы хотите сделать?
booking-admin-today = 📋 Записи на сегодня
booking-admin-today-short = Сегодня
booking-admin-new = ➕ Новая запись
booking-admin-home = « Салон
booking-admin-day-title = Записи, { $day }:
booking-admin-day-empty = На { $day } записей нет.
booking-admin-cancel-button = ✖ { $label }
booking-admin-move-button = 🔁 { $label }
booking-admin-show-day = 📋 { $day }
booking-admin-booking = { $client }, { $phone }: { $service }, мастер { $master }, { $when }
booking-admin-cancel-ask = Отменить эту запись? Клиент и мастер получат сообщение.
    { $booking }
booking-admin-cancelled = Отменено: { $booking }.
booking-admin-changed-meanwhile = Эту запись успели изменить, поэтому она не отменена. Посмотрите день ещё раз.
booking-admin-not-changeable = Эту запись уже нельзя изменить: визит состоялся, пропущен или отменён.
booking-admin-unchanged = Запись уже стоит на это время у этого мастера.
booking-admin-refused-outside-hours = Это время вне рабочих часов мастера. Выберите одно из свободных.
booking-admin-refused-in-the-past = Это время уже прошло. Выберите более позднее.
booking-admin-refused-unavailable = На это время записать нельзя. Выберите другое.
booking-admin-choose-service = Новая запись для клиента. Какая услуга?
booking-admin-choose-master = { $service }: какой мастер?
booking-admin-other-master = 👤 Другой мастер
booking-admin-choose-time = { $day }, { $master }: выберите время.
booking-admin-no-times = { $day }, { $master }: свободного времени нет. Выберите другой день или мастера.
booking-admin-move-what = Перенос: { $client }, { $service }, мастер { $master }, { $when }.
booking-admin-ask-name = Имя клиента?
booking-admin-name-invalid = Напишите имя клиента (до { $max } символов).
booking-admin-ask-phone = Телефон клиента — как набираете его здесь или с кодом страны — или его контакт?
booking-admin-phone-invalid = Это не номер телефона. Напишите его так, как набираете здесь (например, 8 912 345-67-89 в России), или с кодом страны (+7 912 345-67-89).
booking-admin-known-client = { $name }, { $phone } (знакомый клиент{ $bot ->
        [yes] , пользуется ботом: получит сообщение
       *[other] {""}
    })
booking-admin-summary = Проверьте запись:
    Услуга: { $service }
    Мастер: { $master }
    Когда: { $when }
    Цена: { $price }
    Клиент: { $client }
booking-admin-move-summary = Перенести запись клиента { $client } ({ $service })?
    Было: { $from }
    Стало: { $to }
booking-admin-booked = Записано: { $service }, мастер { $master }, { $when }, клиент { $client }, { $phone }.
booking-admin-moved = Перенесено: { $service }, мастер { $master }, теперь { $when }, клиент { $client }, { $phone }.
booking-admin-nothing-booked = Ничего не записано.
booking-admin-nothing-moved = Запись не перенесена.
booking-admin-services = 💇 Услуги
booking-admin-masters = 👤 Мастера
booking-admin-rules = ⚙️ Правила
booking-admin-services-title = Услуги (нажмите, чтобы изменить):
booking-admin-service-line = { $active ->
        [yes] • { $name } · { $minutes } мин · { $price }
       *[other] • { $name } · { $minutes } мин · { $price } — не предлагается
    }
booking-admin-service-card = { $active ->
        [yes] { $name }
       *[other] { $name } (клиентам не предлагается)
    }
    Длительность: { $minutes } мин
    Цена: { $price }
    Мастера: { $masters }
booking-admin-deactivate = ⏸ Не предлагать
booking-admin-activate = ▶ Предлагать снова
booking-admin-change-price = 💶 Цена
booking-admin-change-duration = ⏱ Длительность
booking-admin-service-activated = { $name } снова предлагается клиентам.
booking-admin-service-deactivated = { $name } больше не предлагается клиентам. Сделанные записи остаются.
booking-admin-masters-title = Мастера:
booking-admin-master-line = • { $name }{ $active ->
        [yes] {""}
       *[other] {" "}(не принимает записи)
    } · { $telegram ->
        [yes] в боте
       *[other] не в боте
    } · { $services }
booking-admin-deactivate-master = ⏸ { $name }: не записывать
booking-admin-activate-master = ▶ { $name }: записывать снова
booking-admin-master-activated = { $name } снова принимает записи.
booking-admin-master-deactivated = { $name } больше не принимает новые записи.
booking-admin-master-deactivated-with-bookings = { $name } больше не принимает новые записи. Предстоящих записей: { $count }, они остаются в силе: перенесите или отмените их здесь, клиенты получат сообщение.
booking-admin-rules-title = Правила для клиентов (нажмите, чтобы изменить):
booking-admin-rule = { $rule ->
        [minNoticeMin] Запись не позже чем за
        [horizonDays] Запись вперёд на
        [cancelWindowMin] Отмена не позже чем за
        [rescheduleWindowMin] Перенос не позже чем за
        [maxReschedules] Переносов одной записи
        [maxActivePerClient] Записей у клиента
        [holdMin] Ожидание предоплаты
       *[other] Напоминания
    }
booking-admin-rule-value = { $unit ->
        [min] { $value } мин
        [days] { $value } дн.
        [list] за { $value } мин
       *[other] { $value }
    }
booking-admin-ask-price = { $name } стоит { $price }. Напишите новую цену, например 35 или 35.50:
booking-admin-ask-duration = { $name } длится { $minutes } мин. Напишите новую длительность в минутах (от 5 до 480):
booking-admin-ask-rule = { $rule }: сейчас { $value }. Напишите новое значение:
booking-admin-price-invalid = Это не цена. Напишите число, например 35 или 35.50.
booking-admin-number-invalid = Напишите целое число.
booking-admin-minutes-list-invalid = Напишите минуты до визита через запятую, например 1440, 120.
booking-admin-saved = Сохранено.
booking-admin-nothing-changed = Ничего не изменено.
booking-admin-weekly-hours-button = 🗓 { $name }: часы
booking-admin-weekly-hours-title = { $name }: часы работы по дням недели (нажмите день, чтобы изменить):
booking-admin-day-off = выходной
booking-admin-ask-hours = { $name }, { $day }: сейчас { $hours }. Напишите часы работы, например 09:00-13:00 14:00-19:00, или «выходной»:
booking-admin-hours-invalid = Напишите часы интервалами, например 09:00-13:00 14:00-19:00, или «выходной». Ничего не изменено.
booking-admin-outside-hours = { $count ->
    [one] Эта будущая запись теперь вне часов работы. Она остаётся, пока вы её не перенесёте или не отмените:
    [few] Эти { $count } будущие записи теперь вне часов работы. Они остаются, пока вы их не перенесёте или не отмените:
   *[other] Эти { $count } будущих записей теперь вне часов работы. Они остаются, пока вы их не перенесёте или не отмените:
}
booking-admin-day-master = 👤 { $name } ({ $count })
booking-admin-all-masters = 👥 Все мастера
booking-admin-day-too-long = Насыщенный день: выберите мастера, чтобы увидеть и изменить его записи.
booking-admin-pick-day = Выберите день. 12· — день с записями.

## Time off in the bot (admins).
booking-timeoff-menu = 🌴 Выходные и блоки
booking-timeoff-whose = Выходной или блок: для какого мастера?
booking-timeoff-which-day = { $master }: какой день?
booking-timeoff-what = { $day }: выходной на весь день или несколько часов?
booking-timeoff-whole-day = Весь день
booking-timeoff-some-hours = Заблокировать часы
booking-timeoff-ask-hours = Напишите часы, например 12:00-14:00.
booking-timeoff-hours-invalid = Напишите начало и более поздний конец, например 12:00-14:00 (время ещё не прошло).
booking-timeoff-hits = { $count ->
    [one] Это затрагивает { $count } запись. Перенесите её к свободному мастеру (на то же время) или отмените; клиент получит уведомление.
    [few] Это затрагивает { $count } записи. Для каждой: перенести к свободному мастеру (на то же время) или отменить; клиенты получат уведомления.
   *[other] Это затрагивает { $count } записей. Для каждой: перенести к свободному мастеру (на то же время) или отменить; клиенты получат уведомления.
}
booking-timeoff-move = → { $master }
booking-timeoff-cancel = ✖ Отменить
booking-timeoff-apply = ✔ Применить
booking-timeoff-done = Готово: время { $master } на { $day } сохранено. Перенесено: { $moved }, отменено: { $cancelled }.
booking-timeoff-dropped = Выходной не добавлен.
booking-timeoff-resolution-refused = Запись №{ $booking } не удалось перенести, ничего не изменено. Начните заново, чтобы увидеть, кто свободен сейчас.
booking-timeoff-refused = Не удалось добавить (это время занято чем-то другим или мастера больше нет). Ничего не изменено.
booking-timeoff-holiday = 🏖 Праздник (весь салон)
booking-timeoff-holiday-which-day = Праздник: в какой день закрыт весь салон?
booking-timeoff-holiday-done = Готово: салон закрыт { $day }. Перенесено: { $moved }, отменено: { $cancelled }.
booking-timeoff-holidays = Ближайшие праздники:
booking-timeoff-holiday-remove = Убрать праздник { $day }
booking-timeoff-holiday-removed = Праздник убран: в этот день салон снова работает.
booking-timeoff-holiday-gone = Этого праздника уже нет. Ничего не изменено.

## Booking: someone given the master role, and the master record that goes with it.
booking-master-role-linked = 🧑‍🎨 Теперь в расписании салона вы — { $master }. /myday и /myweek показывают ваши записи, там же можно отметить визит или неявку; о каждой записи к вам, переносе и отмене придёт сообщение.
booking-master-role-created = 🧑‍🎨 Теперь вы мастер, в расписании — { $master }. Когда администратор назначит вам услуги и часы работы, к вам смогут записываться; /myday и /myweek показывают ваши записи, о каждой новой придёт сообщение.
booking-master-role-pending = 🧑‍🎨 Теперь вы мастер. Администратор привязывает ваш аккаунт к расписанию; после этого /myday и /myweek покажут ваши записи.
booking-master-role-which = { $name } теперь мастер. Кто это в расписании?
booking-master-role-link = Это { $master }
booking-master-role-new = Новый мастер: { $name }
booking-master-role-done = ✅ Привязано к мастеру { $master }: теперь мастер видит свои записи в боте.
booking-master-role-no-location = В салоне нет открытого филиала, куда добавить мастера. Сначала откройте его на странице «Салон».

## Booking: its cards on the panel's dashboard.
booking-card-today = Визиты сегодня
booking-card-tomorrow = Визиты завтра
booking-card-visits-total = Все мастера
booking-card-visits-master = { $master }
booking-card-week = Эта неделя
booking-card-week-booked = Записано на сумму
booking-card-week-done = Выполнено на сумму
booking-card-week-no-shows = Неявки
booking-card-week-cancelled = Отмены
booking-card-week-new-clients = Новые клиенты
booking-card-week-returning-clients = Постоянные клиенты
booking-card-refunds = Возвраты
booking-card-refunds-waiting = Предоплаты к возврату
