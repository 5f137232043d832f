access-role = { $role ->
    [owner] владелец
    [admin] администратор
   *[other] { $role }
}
# An owner configured by Telegram id whom the bot has not met yet, so has no name.
access-owner-unmet = Владелец
access-card = <b>Заявка на доступ №{ $id }</b>
    Имя: { $name }
    Телефон: { $phone }
    Telegram: { $person }
    Комментарий: { $comment }
access-card-approved = ✅ Одобрено ({ $role }): { $by }, { $when }
access-card-rejected = ❌ Отклонено: { $by }, { $when }. Причина: { $reason }
access-card-postponed = ⏸ Отложено: { $by }, { $when }
access-approve-as = ✅ Одобрить: { $role }
access-reject = ❌ Отклонить
access-postpone = ⏸ Отложить
access-notice-approved = ✅ Ваша заявка на доступ одобрена. Ваша роль: <b>{ $role }</b>.
    Отправьте /login (или нажмите кнопку), чтобы получить личную ссылку в панель.
access-notice-rejected = Ваша заявка на доступ отклонена.
    Причина: { $reason }
    Подать заявку снова можно после { $when }.
access-notice-granted = Вам выдана роль <b>{ $role }</b>. Отправьте /login, чтобы получить ссылку в панель.
access-link-invitation = { $admin } приглашает вас в панель. Нажмите кнопку, чтобы получить личную ссылку для входа.
access-login-button = 🔑 Получить ссылку для входа
access-menu-apply = 📝 Подать заявку на доступ
access-menu-login = 🔑 Войти в панель
access-menu-pending = 📥 Заявки на рассмотрении
access-menu-people = 👥 Люди
access-menu-stats = 📊 Статистика
access-menu-sessions = 🖥 Сеансы
command-login = Ссылка для входа в панель
command-sessions = Ваши веб-сеансы
command-requests = Заявки на доступ
command-people = Сотрудники и роли
command-stats = Статистика
access-cancel = Отмена
access-send = Отправить
access-skip = Пропустить
access-back = ⬅️ Назад
access-text-please = Ответьте, пожалуйста, текстом.
access-apply-closed = Этот бот не принимает заявки сотрудников.
access-apply-already-staff = У вас уже есть доступ. Отправьте /login, чтобы получить ссылку в панель.
access-apply-blocked = Ваш доступ к этому боту заблокирован. Подать заявку нельзя.
access-apply-cooling-down = Ваша прошлая заявка отклонена. Подать новую можно после { $when }.
access-apply-under-review-update = Ваша заявка уже на рассмотрении. Её можно обновить: ответьте на вопросы ещё раз.
access-apply-ask-name = Как вас зовут? Напишите имя и фамилию.
access-name-invalid = Напишите, пожалуйста, имя: от 2 до 100 символов.
access-apply-ask-phone = Спасибо, { $name }. Теперь поделитесь номером телефона кнопкой ниже (или напишите его с кодом страны, например +7 900 123-45-67).
access-share-contact = 📱 Поделиться номером
access-contact-not-yours = Пожалуйста, поделитесь своим собственным контактом кнопкой ниже.
access-phone-invalid = Это не похоже на номер телефона. Поделитесь контактом кнопкой или напишите номер с кодом страны, например +7 900 123-45-67.
access-apply-ask-comment = Что стоит знать администраторам (должность, кто вас пригласил)? Напишите или нажмите «Пропустить».
access-comment-too-long = Слишком длинно: не больше { $max } символов, пожалуйста.
access-apply-summary = <b>Ваша заявка</b>
    Имя: { $name }
    Телефон: { $phone }
    Комментарий: { $comment }
access-apply-confirm = Отправить её администраторам?
access-apply-sent = Заявка №{ $id } отправлена и находится на рассмотрении. Я сообщу, когда администратор примет решение.
access-apply-updated = Заявка №{ $id } обновлена и по-прежнему на рассмотрении.
access-apply-cancelled = Заявка не отправлена.
access-decided-approved = Одобрено.
access-decided-rejected = Отклонено.
access-decided-postponed = Отложено.
access-already-decided = Решение уже принял(а) { $by } ({ $status ->
    [approved] одобрено
    [rejected] отклонено
    [postponed] отложено
   *[other] { $status }
}).
access-decision-forbidden = У вас нет прав решать по заявкам.
access-decision-not-found = Такой заявки нет.
access-decision-unknown-role = Такой роли нет.
access-decision-invalid-reason = Напишите причину (не больше { $max } символов).
access-decision-blocked = Этот человек заблокирован. Сначала разблокируйте его.
access-reject-ask-reason = Почему вы отклоняете заявку №{ $id }? Выберите причину или напишите свою.
access-reason-unknown-person = Мы не знаем вас как сотрудника
access-reason-unverified = Не удалось проверить ваши данные
access-reason-no-openings = Сейчас нет свободных мест
access-rejected-done = Заявка №{ $id } отклонена. Заявитель получил уведомление.
access-reject-cancelled = Заявка не отклонена.
access-pending-none = Заявок на рассмотрении нет.
access-pending-count = Заявок на рассмотрении: { $count }
access-login-need-access = Чтобы войти в панель, нужен доступ сотрудника. Откройте /start и нажмите «Подать заявку на доступ», если бот принимает заявки.
access-login-no-role = Чтобы войти в панель, нужен доступ сотрудника.
access-login-blocked = Ваш доступ к этому боту заблокирован.
access-login-too-many = Слишком много ссылок за короткое время. Подождите несколько минут и попробуйте снова.
access-login-forbidden = У вас нет прав на это действие.
access-login-link = 🔑 <a href="{ $url }">Ваша личная ссылка для входа</a>. Она одноразовая и действует { $minutes } минут. Не пересылайте её.
access-login-open = Открыть панель
access-sessions-title = Ваши веб-сеансы:
access-sessions-none = У вас нет активных веб-сеансов.
access-all-sessions-title = Активные веб-сеансы:
access-all-sessions-none = В панели сейчас никто не работает.
access-session-line = { $n }. { $device } · { $ip } · был(а) в сети { $seen }
access-session-unknown-device = неизвестное устройство
access-session-end = Завершить сеанс { $n }
access-sessions-end-all = 🚪 Выйти везде
access-session-ended = Сеанс завершён.
access-session-not-found = Этот сеанс уже завершён.
access-session-forbidden = Можно завершать только свои сеансы.
access-session-no-sessions = У вас нет активных веб-сеансов.
access-sessions-ended-all = Вы вышли везде ({ $count ->
    [one] завершён { $count } сеанс
    [few] завершено { $count } сеанса
   *[other] завершено { $count } сеансов
}).
access-stats = <b>Статистика</b>
    Людей: { $people } (сотрудников { $staff }, заблокировано { $blocked })
    Заявки: на рассмотрении { $pending }, отложено { $postponed }
    Сегодня: одобрено { $approved }, отклонено { $rejected }
    Активных веб-сеансов: { $sessions }
    Сегодня: обновлений { $updates } от { $active } человек
access-people-none = Пока нет ни сотрудников, ни заявителей, ни заблокированных.
access-people-title = Люди ({ $count }): выберите человека.
access-person-marker = 👤
access-person = { $marker } <b>{ $name }</b> { $username }
    Статус: { $status }
    Роли: { $roles }
access-person-unknown = Этого человека больше нет в списке.
access-status-staff = сотрудник
access-status-blocked = заблокирован
access-status-applicant = заявитель
access-status-rejected = отклонён
access-grant = ➕ Выдать роль: { $role }
access-revoke = ➖ Снять роль: { $role }
access-granted = Роль выдана.
access-revoked = Роль снята.
access-role-forbidden = У вас нет прав менять роли.
access-role-unknown-role = Такой роли нет.
access-role-owners-only = Роль владельца выдают и снимают только владельцы.
access-role-last-owner = Нельзя снять роль с последнего владельца.
access-role-blocked = Этот человек заблокирован. Сначала разблокируйте его.
access-role-unchanged = Ничего не изменилось.
access-send-link = 🔑 Отправить ссылку для входа
access-send-link-self = Свою ссылку получите командой /login.
access-link-sent = Ему отправлено сообщение с кнопкой для личной ссылки входа.
access-block = ⛔ Заблокировать
access-unblock = ✅ Разблокировать
access-block-confirm = Заблокировать этого человека? Все его сеансы, ссылки для входа и роли будут отозваны сразу, а подать заявку или войти он не сможет.
access-block-yes = ⛔ Да, заблокировать
access-blocked-done = Заблокирован. Завершено сеансов: { $sessions }.
access-unblocked-done = Разблокирован. Он снова может подать заявку.
access-block-forbidden = У вас нет прав блокировать людей.
access-block-self = Нельзя заблокировать самого себя.
access-block-owners-only = Владельца может заблокировать только владелец.
access-block-last-owner = Последнего владельца нельзя заблокировать.
access-block-already-blocked = Уже заблокирован.
access-block-not-blocked = Этот человек не заблокирован.

## Access: its card on the panel's dashboard.
access-card-requests = Заявки сотрудников
access-card-requests-pending = Ждут решения
access-card-requests-postponed = Отложены
access-card-requests-decided-today = Решено сегодня
