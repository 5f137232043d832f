## Help desk: why an article of the knowledge base was not saved.
helpdesk-knowledge-title-missing = Please give the article a title.
helpdesk-knowledge-title-too-long = The title is too long: at most 150 characters.
helpdesk-knowledge-body-missing = Please write the article's text.
helpdesk-knowledge-body-too-long = The text is too long: at most 3500 characters, so the article fits in one Telegram message.
helpdesk-knowledge-language-unknown = The bot does not speak that language. Choose one of the bot's languages (Settings).
helpdesk-knowledge-article-unknown = That article no longer exists.
