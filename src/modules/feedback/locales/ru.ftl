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
feedback-unseen-notice = <b>Всё ещё не просмотрено</b> спустя сутки, от { $author }:

    { $text }
feedback-seen-button = ✓ Просмотрено
feedback-seen-done = Отмечено как просмотренное; автору сообщили.
feedback-seen-already-seen = Кто-то из команды уже отметил его просмотренным.
feedback-seen-not-found = Этого сообщения больше нет.
feedback-seen-not-allowed = Вы больше не можете читать сообщения команде.
feedback-seen-by-team = Наша команда прочитала ваше сообщение. Спасибо, что написали!
feedback-new-reader = Теперь вы будете получать то, что люди пишут команде. { $unseen ->
    [0] Непросмотренных сообщений нет.
    [one] Ждёт { $unseen } непросмотренное сообщение.
    [few] Ждут { $unseen } непросмотренных сообщения.
   *[many] Ждут { $unseen } непросмотренных сообщений.
}
feedback-card-title = Сообщения команде
feedback-card-unseen = Не просмотрено
feedback-card-week = Получено за неделю
