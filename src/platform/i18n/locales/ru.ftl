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
