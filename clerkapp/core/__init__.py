"""clerkapp.core layer (see DESIGN.md §2)."""
