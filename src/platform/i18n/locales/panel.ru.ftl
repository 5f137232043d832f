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
dashboard-no-cards = Ни один модуль пока не показывает здесь своих показателей.
dashboard-see-activity = Показатели самого бота: люди, заявки, сеансы, обновления →
# Название этого языка на нём самом, для переключателя языка.
panel-language-name = Русский
panel-sign-in = Вход
panel-sign-in-hint = Отправьте боту /login: он пришлёт личную ссылку, по которой вы войдёте сюда.
panel-crashed = Что-то пошло не так
panel-reload = Перезагрузить страницу

## Меню

panel-menu = ☰ { $page }
panel-menu-label = Все страницы
nav-group-overview = Обзор
nav-group-bot = Бот

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
## Настройки бота

settings-title = Настройки бота
settings-time-zone = Часовой пояс
settings-time-zone-hint = В этом поясе даты и время в сообщениях сотрудникам, «сегодня» на сводке и показатели бота. У каждого филиала записи свой пояс: по нему часы работы, записи и напоминания (страница «Салон»).
settings-languages = Языки
settings-languages-hint = Тем, чей язык в Telegram не из этого списка, бот отвечает на первом отмеченном.
settings-modules = Модули
settings-no-modules = Ни одного модуля не установлено.
settings-modules-hint = Выключенный модуль пропадает из меню и перестаёт отвечать на свои команды; его данные сохраняются.
settings-staff-may-apply = Посторонние могут подать заявку на доступ для сотрудников
settings-note-marker = Пометка заметок в группах сотрудников
settings-note-marker-hint = Сообщение сотрудника, начатое с этого слова, остаётся внутренней заметкой группы и не уходит клиенту.
settings-anonymous-staff = Ответы сотрудников приходят клиентам от «Поддержки», а не под именем сотрудника
settings-save = Сохранить настройки
settings-saved = Сохранено. Бот применит настройки со следующего сообщения.
settings-from-configuration = Сейчас действуют настройки из конфигурации. После сохранения здесь настройки панели важнее файла конфигурации.
settings-last-saved = Последний раз сохранено в панели { $at }.

## Резервные копии

backups-file-placeholder = <файл копии>
backups-restore-title = Восстановление из копии
backups-restore-intro = Восстановление заменяет всю базу данных содержимым копии, поэтому здесь нет такой кнопки: оно запускается из командной строки на сервере, при остановленном приложении.
backups-restore-stop = Остановите приложение.
backups-restore-stop-replicas = Остановите приложение — все его реплики.
backups-restore-file = Восстановите файл:
backups-restore-docker = В Docker Compose:
backups-restore-start = Снова запустите приложение.
backups-restore-pglite = Текущий каталог данных не удаляется, а переносится в сторону; команда напишет, куда.
backups-restore-postgres = PostgreSQL: pg_restore заменяет таблицы в одной транзакции; неудачное восстановление ничего не меняет.
backups-copy-off = Копируйте резервные копии и на другую машину: копия на том же диске — не копия.
backups-now = Сделать копию сейчас
backups-run-queued = Копия в очереди…
backups-run-running = Идёт копирование…
backups-run-done = Копия записана.
backups-run-failed = Не удалось сделать копию.
backups-in = В каталоге
backups-in-rest = , сначала новые. Плановые копии делаются ежедневно и хранятся заданное в настройках число дней.
backups-file = Файл
backups-taken = Создана
backups-size = Размер
backups-none = Копий пока нет.
backups-restore-command = botyard restore { $file }
backups-restore-docker-command = docker compose run --rm app node_modules/.bin/node src/cli.ts restore { $file }
## Тексты

texts-saved = Сохранено. Бот будет использовать этот текст со следующего сообщения.
texts-reset-done = Возвращён текст по умолчанию.
texts-edited = изменён
texts-text-for = Текст для { $key }
texts-default = По умолчанию:
texts-save = Сохранить
texts-cancel = Отмена
texts-yours-for = Ваш текст для { $key }
texts-default-for = Текст по умолчанию для { $key }
texts-edit = Изменить
texts-reset = Вернуть текст по умолчанию
texts-key-suffix = {" "}{ $key }
texts-intro-placeables = Что говорит бот на каждом языке. Подстановки вроде
texts-placeable-example = {"{"} $name {"}"}
texts-intro-formatting = бот заполняет сам; разметка Telegram (
texts-tag-bold = <b>
texts-tag-italic = <i>
texts-tag-link = <a href>
texts-intro-formatting-end = ) работает там, где она есть в тексте по умолчанию.
texts-language = Язык
texts-search = Поиск
texts-search-hint = Слово или ключ
texts-count = { $count ->
        [one] { $count } текст
        [few] { $count } текста
       *[many] { $count } текстов
    }
## Рассылки

broadcasts-formatting = Оформление
broadcasts-format-example = <{ $tag }{ $attributes }>{ $text }</{ $tag }>
broadcasts-format-separator = ,{" "}
broadcasts-format-bold = жирный
broadcasts-format-italic = курсив
broadcasts-format-underlined = подчёркнутый
broadcasts-format-struck = зачёркнутый
broadcasts-format-link = ссылка
broadcasts-format-spoiler = скрыто до нажатия
broadcasts-format-quote = цитата
broadcasts-format-code = код в строке
broadcasts-format-pre = блок кода
broadcasts-format-escapes = Пишите &lt; вместо одиночного < и &amp; вместо & в ссылке. До 4096 символов, под фото — до 1024.
broadcasts-buttons = Кнопки-ссылки
broadcasts-button-label = Надпись кнопки { $number }
broadcasts-button-link = Ссылка кнопки { $number }
broadcasts-button-remove = Удалить кнопку { $number }
broadcasts-button-add = Добавить кнопку
broadcasts-audience-incomplete = Заполните параметры аудитории, чтобы увидеть её размер.
broadcasts-audience-counting = Считаем…
broadcasts-audience-size = Размер аудитории
broadcasts-audience = { $people ->
        [one] { $people } человек
        [few] { $people } человека
       *[many] { $people } человек
    }{ $blocked ->
        [0] {""}
       *[other] , из них заблокировали бота: { $blocked } — им рассылка не уйдёт
    }.
broadcasts-sending-started = Рассылка началась; ход отправки — в списке ниже.
broadcasts-scheduled-done = Запланировано; рассылка появилась в списке ниже.
broadcasts-preview-sent = Пробное сообщение отправлено вам в Telegram.
broadcasts-new = Новая рассылка
broadcasts-text = Текст
broadcasts-photo = Фото (необязательно): file_id из Telegram или ссылка на картинку
broadcasts-photo-hint = https://…
broadcasts-audience-title = Аудитория
broadcasts-segment = Кому
broadcasts-choose = Выберите…
broadcasts-when = Когда
broadcasts-now = Сейчас
broadcasts-later = В выбранные дату и время
broadcasts-send-at-local = Когда отправить (по вашему местному времени)
broadcasts-preview = Прислать мне для проверки
broadcasts-send-now = Отправить сейчас
broadcasts-schedule = Запланировать
broadcasts-status-scheduled = Запланирована
broadcasts-status-sending = Отправляется
broadcasts-status-done = Отправлена
broadcasts-status-cancelled = Отменена
broadcasts-progress = Ход рассылки { $id }
broadcasts-report = Доставлено: { $sent }, заблокировали бота: { $blocked }, ошибок: { $failed }{ $pending ->
        [0] {""}
       *[other] , ждут отправки: { $pending }
    }{ $withdrawn ->
        [0] {""}
       *[other] , отозвано: { $withdrawn }
    }
broadcasts-cancel-confirm = Отменить эту рассылку? Уже отправленные сообщения останутся у получателей.
broadcasts-cancel = Отменить рассылку { $id }
broadcasts-intro = Рассылка уходит через очередь отправки в пределах ограничений Telegram (около 30 сообщений в секунду) и уступает место обычным диалогам бота. Тем, кто заблокировал бота, она не отправляется; после перезапуска отправка продолжается с того же места, и никто не получит сообщение дважды.
broadcasts-list = Отправленные и запланированные
broadcasts-send-at = Время отправки
broadcasts-message = Сообщение
broadcasts-status = Статус
broadcasts-report-title = Итог
broadcasts-actions = Действия
broadcasts-none = Рассылок пока нет.
## Графики

chart-legend = Ряды данных
chart-table = Данные таблицей
chart-pointed-value = {" "}{ $value }
texts-list-separator = ,{" "}
broadcasts-with-photo = 🖼{" "}
broadcasts-button-link-hint = https://
