# Страницы панели модуля доступа: сводка, люди, заявки, сеансы, журнал.

access-nav-dashboard = Сводка
access-nav-people = Люди
access-nav-requests = Заявки
access-nav-sessions = Сеансы
access-nav-audit = Журнал действий
