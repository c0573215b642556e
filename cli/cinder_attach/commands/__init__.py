"""One module per command, named after the command, and the one table of commands and their summaries.

The table is the only place a summary is written: ``attach --help`` shows it without importing any
command module, and each command's ``HELP`` starts with it (``HELP = summary("show") + ...``).
"""

# Every command, in the order `attach --help` lists them: (name, module here, its function, aliases, summary).
COMMANDS = (
    ("create354", "create354", "create354", ("create",),
     "Create a volume attachment (POST /attachments, microversion 3.54)."),
    ("create327", "create327", "create327", (), "Create a volume attachment at microversion 3.27 (no --mode)."),
    ("show", "show", "show", (), "Show one attachment."),
    ("list", "list", "list_attachments", (), "List attachments: all of them, following pages to the end."),
    ("update", "update", "update", ("set",),
     "Update an attachment with the host's connector (PUT /attachments/{id})."),
    ("complete", "complete", "complete", (),
     "Complete one or more attachments: tell Cinder the host is connected (os-complete, 3.44)."),
    ("delete", "delete", "delete", (), "Delete one or more attachments."),
    ("connector", "connector", "connector", (), "Print this host's connector, as os-brick reads it for Nova."),
    ("local-attach", "local_attach", "local_attach", (), "Attach a volume to this host and print its block device."),
    ("local-detach", "local_detach", "local_detach", (),
     "Detach a volume from this host: disconnect its device, delete the attachment."),
    ("prune", "prune", "prune", (),
     "Find the attachments nobody owns any more (asking Nova), say why, and delete them with --apply."),
)  # fmt: skip
# Command groups: (name, module here that holds its typer `app`, the app's short_help).
GROUPS = (("cache", "cache", "Show or clear the token cache."),)


def summary(name: str) -> str:
    """The first line of command (or group) ``name``'s help, as the table gives it."""
    for entry in COMMANDS:
        if entry[0] == name:
            return entry[4]
    return next(group[2] for group in GROUPS if group[0] == name)
