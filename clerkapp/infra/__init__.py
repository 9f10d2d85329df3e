"""clerkapp.infra layer (see DESIGN.md §2)."""
