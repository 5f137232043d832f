# Тексты самой панели (не бота: те на странице «Тексты»). Модули приносят свои в
# src/modules/<module>/locales/panel.<locale>.ftl.

## Рамка

panel-brand = Botyard
panel-nav-label = Панель
panel-loading = Загрузка…
panel-sign-out = Выйти
panel-language-label = Язык
panel-no-pages = Ваши роли не дают доступа ни к одной странице.
panel-page-not-found = Страница не найдена.
# Название этого языка на нём самом, для переключателя языка.
panel-language-name = Русский
panel-sign-in = Вход
panel-sign-in-hint = Отправьте боту /login: он пришлёт личную ссылку, по которой вы войдёте сюда.
panel-crashed = Что-то пошло не так
panel-reload = Перезагрузить страницу

## Меню

nav-texts = Тексты
nav-settings = Настройки
nav-broadcasts = Рассылки
nav-backups = Резервные копии

## Вход по ссылке

login-no-link = Нет ссылки для входа
login-no-link-hint = Отправьте боту /login и откройте ссылку, которую он пришлёт.
login-title = Вход в Botyard
login-once = Эта ссылка действует один раз. Войти на этом устройстве?
login-continue = Продолжить
## Роли платформы (модуль называет свои роли в своём каталоге панели)

role-owner = владелец
role-admin = администратор
