## Поддержка: почему статья базы знаний не сохранена.
helpdesk-knowledge-title-missing = Укажите заголовок статьи.
helpdesk-knowledge-title-too-long = Заголовок слишком длинный: не более 150 символов.
helpdesk-knowledge-body-missing = Напишите текст статьи.
helpdesk-knowledge-body-too-long = Текст слишком длинный: не более 3500 символов, чтобы статья поместилась в одно сообщение Telegram.
helpdesk-knowledge-language-unknown = Бот не говорит на этом языке. Выберите один из языков бота (Настройки).
helpdesk-knowledge-article-unknown = Этой статьи больше нет.
