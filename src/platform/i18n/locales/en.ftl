home-greeting = Hello, { $name }! What would you like to do?
home-nothing = Hello, { $name }! There is nothing here for you yet.
help =
    <b>What I can do</b>
    /start – the main menu
    /language – change the language
    /cancel – stop what you are doing
    /help – this message
help-staff = <b>For staff</b>
language-choose = Choose your language:
language-set = I will speak English with you.
language-name = English
cancel-done = Cancelled. /start opens the menu.
cancel-nothing = There is nothing to cancel. /start opens the menu.
error-apology = Sorry, something went wrong on our side. Please try again in a moment.
button-expired = This button has expired.
flood-warning = You are sending messages too fast. I will answer again in a few seconds.
unknown-message = I did not understand that. /help lists what I can do.
command-start = Main menu
command-help = Help
command-language = Change language
command-cancel = Cancel the current action
not-allowed = You do not have permission for this.
panel-bad-input = Please check the field “{ $field }”.
health-opened-intake = ⚠️ <b>{ $bot } cannot take in updates</b>: what people send is not being stored, so nobody is answered. Reason: { $detail }
health-recovered-intake = ✅ { $bot } takes in updates again; what waited is being answered.
health-opened-telegram = ⚠️ <b>Telegram keeps refusing { $bot }'s calls</b>; notifications wait and will be sent once it answers. Reason: { $detail }
health-recovered-telegram = ✅ Telegram accepts { $bot }'s calls again; waiting notifications are being sent.
health-opened-backup = ⚠️ <b>A backup of the database failed.</b> Reason: { $detail }
health-recovered-backup = ✅ Backups work again: the latest one was written.
health-opened-dead-letter = ⚠️ <b>A job of { $queue } failed for good</b> and was put aside in { $queue }.dead. Reason: { $detail }
health-recovered-dead-letter = ✅ Jobs of { $queue } complete again.

## Work groups: the setup command staff run in a group (src/platform/work-groups/)
work-group-setup-in-group = Add me to your staff group and run /workgroup there.
work-group-setup-usage = Write /workgroup and the module this group works for ({ $modules }), then a routing key if the module routes by one: /workgroup <module> <key>.
work-group-setup-unknown-module = No module here takes work groups by the name “{ $module }”. These do: { $modules }.
work-group-setup-missing =
    I cannot work in this group yet. Please make me an administrator with:
    { $rights }
    Then run /workgroup again.
work-group-right-administrator = administrator rights (so I read what staff write here)
work-group-right-can_manage_topics = the right to manage topics (so each request gets a topic of its own)
work-group-setup-done =
    This group now works for { $purpose }. { $forum ->
        [yes] Each new request gets its own topic here: write in the topic to answer.
       *[no] Each new request gets a card here: reply to the card to answer.
    } Messages starting with { $marker } stay internal.

## The panel's API: why the route guard refused a request.
http-sign-in = Please sign in.
http-page-out-of-date = The page is out of date; reload it and try again.
http-forbidden = You do not have permission for this.
