helpdesk-command-tickets = Мои обращения в поддержку
helpdesk-unsupported = Я принимаю текст, фото, документы, голосовые сообщения и видео. Напишите вопрос или приложите файл.
helpdesk-told-opened = Ваше обращение <b>№{ $number }</b> передано в поддержку. Мы ответим здесь; пишите или прикладывайте всё, что хотите добавить.
helpdesk-told-taken = Специалист взял ваше обращение <b>№{ $number }</b> в работу.
helpdesk-told-reopened = Обращение <b>№{ $number }</b> снова открыто: мы ответим здесь.
helpdesk-told-resolved = Обращение <b>№{ $number }</b> решено. Если помощь ещё нужна, просто напишите здесь, и оно откроется снова.
helpdesk-told-closed = Обращение <b>№{ $number }</b> закрыто. Пишите здесь, когда снова понадобимся.
helpdesk-answer = <b>{ $name }</b>:
    { $text }
helpdesk-answer-anonymous = <b>Поддержка</b>:
    { $text }
helpdesk-reply-not-allowed = Это не ушло автору: отвечать на обращения могут только специалисты.
helpdesk-reply-closed = Это не ушло автору: обращение закрыто.
helpdesk-reply-unsupported = Это не ушло автору: отправьте текст, фото, документ, голосовое сообщение или видео.
helpdesk-status-new = Новое
helpdesk-status-open = В работе
helpdesk-status-waiting = Ждёт ответа автора
helpdesk-status-resolved = Решено
helpdesk-status-closed = Закрыто
helpdesk-card-title = <b>Обращение №{ $number }</b> · { $status }
helpdesk-card-from = От: { $person }
helpdesk-card-category = Категория: { $category }
helpdesk-card-earlier = { $count ->
    [0] Первое обращение
    [one] { $count } обращение раньше
    [few] { $count } обращения раньше
   *[many] { $count } обращений раньше
}
helpdesk-card-assignee = Специалист: { $person }
helpdesk-card-claim = Взять
helpdesk-card-resolve = Решено
helpdesk-thread-closed-by-requester = Автор закрыл обращение №{ $number }.
helpdesk-tickets-none = Обращений пока нет. Просто напишите свой вопрос здесь.
helpdesk-tickets-title = Ваши обращения:
helpdesk-tickets-line = №{ $number } · { $status } · { $date }
helpdesk-tickets-close = Закрыть №{ $number }
helpdesk-close-done = Закрыто.
helpdesk-close-not-found = Такого обращения здесь нет.
helpdesk-close-closed = Это обращение уже закрыто.
helpdesk-claim-done = Обращение №{ $number } теперь ваше.
helpdesk-claim-not-allowed = Брать обращения могут только специалисты.
helpdesk-claim-not-found = Этого обращения больше нет.
helpdesk-claim-finished = Это обращение уже решено или закрыто.
helpdesk-claim-already-yours = Это обращение уже ваше.
helpdesk-resolve-done = Обращение №{ $number } решено; автору сообщили.
helpdesk-resolve-not-allowed = Решать обращения могут только специалисты.
helpdesk-resolve-not-found = Этого обращения больше нет.
helpdesk-resolve-finished = Это обращение уже решено или закрыто.
