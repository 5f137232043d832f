access-role = { $role ->
    [owner] владелец
    [admin] администратор
   *[other] { $role }
}
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
