## Запись: напоминания, предоплата, лист ожидания и отзывы.
booking-reminder = Напоминание: { $service }, мастер { $master }, { $hours ->
        [one] через { $hours } час
        [few] через { $hours } часа
       *[many] через { $hours } часов
    }, { $time } ({ $location }).
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
booking-waitlist-offer = Хорошая новость: освободилось время — { $service }, мастер { $master }, { $time }. Оно держится за вами { $minutes } мин.
booking-waitlist-take = ✅ Записаться
booking-waitlist-skip = Нет, спасибо
booking-waitlist-joined = Вы в листе ожидания (номер { $place } в очереди). Напишем, как только освободится время.
booking-waitlist-already = Вы уже в листе ожидания на это время.
booking-waitlist-not-offered = На эту услугу нельзя встать в лист ожидания.
booking-waitlist-date-invalid = Эту дату нельзя использовать.
booking-waitlist-in-the-past = Этот день уже прошёл.
booking-waitlist-beyond-horizon = Запись на этот день ещё не открыта.
booking-waitlist-offer-gone = Это предложение уже не действует.
booking-waitlist-cannot-book = Это время больше нельзя записать на вас.
booking-waitlist-booked = Вы записаны: { $time }.
booking-waitlist-booked-pay = Вы записаны: { $time }. Сейчас придёт счёт на предоплату.
booking-waitlist-skipped = Хорошо, мы предложили это время следующему в очереди.
booking-review-ask = Как прошёл визит — { $service }, мастер { $master }? Пожалуйста, оцените его.
booking-review-ask-text = Спасибо! Хотите добавить пару слов (до { $max } символов)?
booking-review-skip = Пропустить
booking-review-thanks = Спасибо за отзыв!
booking-review-already = Вы уже оценили этот визит.
booking-review-gone = Этот отзыв уже нельзя изменить.
booking-review-text-please = Пожалуйста, напишите отзыв текстом или нажмите «Пропустить».
booking-review-text-empty = Отзыв пустой. Напишите пару слов или нажмите «Пропустить».
booking-review-text-too-long = Пожалуйста, уложитесь в { $max } символов.
