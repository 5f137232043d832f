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
