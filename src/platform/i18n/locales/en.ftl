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
