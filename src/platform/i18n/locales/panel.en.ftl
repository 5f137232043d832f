# The panel's own texts (not the bot's: those are on the Texts page). Modules bring theirs in
# src/modules/<module>/locales/panel.<locale>.ftl.

## The frame

panel-brand = Botyard
panel-nav-label = Panel
panel-loading = Loading…
panel-sign-out = Sign out
panel-language-label = Language
panel-no-pages = Your roles give you no pages here.
panel-page-not-found = Page not found.
