# Страницы панели модуля доступа: сводка, люди, заявки, сеансы, журнал.

access-nav-activity = Активность
access-nav-dashboard = Сводка
access-nav-people = Люди
access-nav-requests = Заявки
access-nav-sessions = Сеансы
access-nav-audit = Журнал действий
## Сводка

access-dashboard-live = Данные обновляются на лету, последнее обновление в { $time }
access-dashboard-staff = Сотрудники
access-dashboard-applicants = Ждут решения по заявке
access-dashboard-blocked = Заблокированы
access-dashboard-everyone = Все, кого знает бот
access-dashboard-requests = Заявки на доступ
access-dashboard-pending = Ожидают
access-dashboard-postponed = Отложены
access-dashboard-approved-today = Одобрено сегодня
access-dashboard-rejected-today = Отклонено сегодня
access-dashboard-today = Сегодня
access-dashboard-active-sessions = Активные сеансы
access-dashboard-updates-received = Получено обновлений
access-dashboard-updates-handled = Обработано обновлений
access-dashboard-people-active = Активных людей
access-dashboard-changes-by-module = Изменения за сегодня по модулям
access-dashboard-no-changes = Сегодня пока ничего не менялось.
access-dashboard-module = Модуль
access-dashboard-changes = Изменений

## Сеансы

access-sessions-via-link = Ссылка для входа
access-sessions-via-login-url = Кнопка в Telegram
access-sessions-via-mini-app = Мини-приложение
access-sessions-person = Человек
access-sessions-device = Устройство
access-sessions-ip = IP-адрес
access-sessions-via = Способ входа
access-sessions-last-seen = Последняя активность
access-sessions-unknown-device = Неизвестное устройство
access-sessions-this-device = Это устройство
access-sessions-end = Завершить
access-sessions-end-on = Завершить сеанс на устройстве { $device }
access-sessions-end-of = Завершить сеанс на устройстве { $device } ({ $name })
access-sessions-ended = Сеанс завершён.
access-sessions-yours = Ваши сеансы
access-sessions-end-all = Выйти на всех устройствах
access-sessions-everyone = Сеансы всех сотрудников
## Люди

access-people-intro = Все, у кого есть роль, все, кто подал заявку, и все заблокированные. Блокировка сразу завершает сеансы человека и гасит его ссылки для входа.
access-people-nobody = Пока никого.
access-people-name = Имя
access-people-status = Статус
access-people-roles = Роли
access-people-actions = Действия
access-people-status-staff = Сотрудник
access-people-status-blocked = Заблокирован
access-people-status-applicant = Подал заявку
access-people-status-rejected = Отказано
access-people-take-role = Снять роль «{ $role }» у { $name }
access-people-role-taken = У { $name } больше нет роли «{ $role }».
access-people-role-for = Роль для { $name }
access-people-role-choose = Роль…
access-people-role-granted = { $name } теперь в роли «{ $role }».
access-people-grant = Выдать
access-people-link-sent = { $name } получил(а) в боте приглашение войти.
access-people-send-link = Отправить ссылку для входа
access-people-unblocked = { $name } разблокирован(а).
access-people-unblock = Разблокировать
access-people-block-reason-for = Причина блокировки { $name }
access-people-block-reason = Причина (необязательно)
access-people-blocked = { $name } заблокирован(а), все сеансы завершены.
access-people-block = Заблокировать

## Заявки на доступ

access-requests-view-open = Ожидают
access-requests-view-approved = Одобренные
access-requests-view-rejected = Отклонённые
access-requests-which = Какие заявки показать
access-requests-of = Заявка: { $name }
access-requests-number = №{ $id } { $name }
access-requests-status-pending = ожидает
access-requests-status-postponed = отложена
access-requests-status-approved = одобрена
access-requests-status-rejected = отклонена
access-requests-telegram = Telegram
access-requests-phone = Телефон
access-requests-comment = Комментарий
access-requests-applied = Подана
access-requests-decided = Решение
access-requests-decided-by = { $by }, { $at }
access-requests-decided-role = {" "}— роль «{ $role }»
access-requests-decided-reason = {" "}— { $reason }
access-requests-role = Роль
access-requests-approved = Заявка { $name } одобрена, роль — «{ $role }».
access-requests-approve = Одобрить
access-requests-postponed = Заявка { $name } отложена.
access-requests-postpone = Отложить
access-requests-reject-reason = Причина отказа
access-requests-reject-reason-hint = Причина (заявитель её увидит)
access-requests-rejected = Заявка { $name } отклонена.
access-requests-reject = Отклонить
access-requests-none-waiting = Ожидающих заявок нет.
access-requests-none = Ничего нет.
## Журнал действий

access-audit-filters = Фильтры
access-audit-actor = Кто (id в Telegram)
access-audit-action-filter = Действие (или его начало, например access)
access-audit-object-type = Тип объекта
access-audit-object-id = Id объекта
access-audit-from-day = С
access-audit-to-day = По
access-audit-filter = Показать
access-audit-csv = Скачать CSV
access-audit-xlsx = Скачать XLSX
access-audit-nothing = Ничего не найдено.
access-audit-when = Когда
access-audit-who = Кто
access-audit-action = Действие
access-audit-object = Объект
access-audit-changes = Изменения
# Строка изменённого поля: «поле: было → стало».
access-audit-field = { $field }:
access-audit-became = →
access-audit-source = Откуда
access-audit-newer = Новее
access-audit-page = Страница { $page }
access-audit-older = Старее
access-people-username = @{ $username }
access-people-take-role-sign = ×

## Меню на телефоне
access-nav-group = Сотрудники

## Блокировка с подтверждением
access-people-block-confirm = Заблокировать { $name }? Будут сняты все роли, завершены все сеансы, ссылки для входа и ленты календаря, и подать заявку снова нельзя, пока блокировка не снята.
