feedback-menu = ✉️ Написать нам
feedback-ask = Напишите сообщение (можно приложить фото). Оно сразу попадёт к нашей команде.
feedback-preview = <b>Ваше сообщение</b>

    { $text }

    Отправить?
feedback-send = Отправить
feedback-cancel = Отмена
feedback-sent = Спасибо! Ваше сообщение отправлено нашей команде.
feedback-cancelled = Сообщение не отправлено.
feedback-empty = Напишите хотя бы несколько слов или приложите фото.
feedback-too-long = Слишком длинно: не больше { $max } символов, пожалуйста.
feedback-text-please = Пришлите, пожалуйста, текст или фото.
feedback-staff-notice = <b>Новое сообщение</b> от { $author }:

    { $text }
command-feedback = Написать команде
