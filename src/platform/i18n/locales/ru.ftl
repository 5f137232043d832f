home-greeting = Здравствуйте, { $name }! Что вы хотите сделать?
home-nothing = Здравствуйте, { $name }! Здесь пока нет ничего для вас.
help =
    <b>Что я умею</b>
    /start – главное меню
    /language – сменить язык
    /cancel – прервать текущее действие
    /help – эта справка
help-staff = <b>Для сотрудников</b>
language-choose = Выберите язык:
language-set = Буду говорить с вами по-русски.
language-name = Русский
cancel-done = Отменено. /start открывает меню.
cancel-nothing = Нечего отменять. /start открывает меню.
error-apology = Извините, у нас что-то пошло не так. Попробуйте ещё раз через минуту.
button-expired = Эта кнопка устарела.
flood-warning = Вы пишете слишком часто. Я снова отвечу через несколько секунд.
unknown-message = Я не понял сообщение. /help покажет, что я умею.
command-start = Главное меню
command-help = Справка
command-language = Сменить язык
command-cancel = Отменить текущее действие
not-allowed = У вас нет прав на это действие.
panel-bad-input = Проверьте поле «{ $field }».
health-opened-intake = ⚠️ <b>{ $bot } не может принимать обновления</b>: присланное не сохраняется, поэтому никто не получает ответа. Причина: { $detail }
health-recovered-intake = ✅ { $bot } снова принимает обновления; накопившееся обрабатывается.
health-opened-telegram = ⚠️ <b>Telegram раз за разом отклоняет запросы { $bot }</b>; уведомления ждут и уйдут, как только он ответит. Причина: { $detail }
health-recovered-telegram = ✅ Telegram снова принимает запросы { $bot }; ожидавшие уведомления отправляются.
health-opened-backup = ⚠️ <b>Резервная копия базы данных не создана.</b> Причина: { $detail }
health-recovered-backup = ✅ Резервное копирование снова работает: свежая копия записана.
health-opened-dead-letter = ⚠️ <b>Задача очереди { $queue } окончательно не выполнилась</b> и отложена в { $queue }.dead. Причина: { $detail }
health-recovered-dead-letter = ✅ Задачи очереди { $queue } снова выполняются.

## Work groups: the setup command staff run in a group (src/platform/work-groups/)
work-group-setup-in-group = Добавьте меня в группу сотрудников и выполните там /workgroup.
work-group-setup-usage = Напишите /workgroup и модуль, для которого эта группа ({ $modules }), а затем ключ маршрутизации, если модуль его использует: /workgroup <модуль> <ключ>.
work-group-setup-unknown-module = Здесь нет модуля, который принимает рабочие группы под именем «{ $module }». Принимают: { $modules }.
work-group-setup-missing =
    Я пока не могу работать в этой группе. Сделайте меня администратором с правами:
    { $rights }
    Затем снова выполните /workgroup.
work-group-right-administrator = права администратора (чтобы я читал, что пишут сотрудники)
work-group-right-can_manage_topics = право управлять темами (чтобы у каждой заявки была своя тема)
work-group-setup-done =
    Теперь эта группа работает для { $purpose }. { $forum ->
        [yes] У каждой новой заявки здесь будет своя тема: отвечайте в теме.
       *[no] У каждой новой заявки здесь будет карточка: отвечайте ответом на неё.
    } Сообщения, начинающиеся с { $marker }, остаются внутренними.

## The panel's API: why the route guard refused a request.
http-sign-in = Пожалуйста, войдите.
http-page-out-of-date = Страница устарела: обновите её и попробуйте снова.
http-forbidden = У вас нет прав на это.
