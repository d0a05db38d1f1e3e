"""Developer tools that write into the checkout (catalogs, schemas); not shipped with the app."""
