//! `PROVIDER_ERRORS_DEBUG`: the expansion of chosen catalogs, printed while compiling, as
//! strum's `STRUM_DEBUG` does, so a user can see what the macro generates for their table.

use proc_macro2::TokenStream;

use crate::model::Catalog;

/// The environment variable: `1` or `all` for every catalog, else provider ids or type names
/// separated by commas.
const VARIABLE: &str = "PROVIDER_ERRORS_DEBUG";

/// Prints `output` on standard error when the variable names `catalog`.
pub(crate) fn print_if_asked(catalog: &Catalog, output: &TokenStream) {
    let Ok(wanted) = std::env::var(VARIABLE) else {
        return;
    };
    if asks_for(&wanted, &catalog.id, &catalog.ident.to_string()) {
        eprintln!(
            "// provider_errors! expansion of `{}` (id `{}`)\n{output}",
            catalog.ident, catalog.id
        );
    }
}

fn asks_for(wanted: &str, id: &str, type_name: &str) -> bool {
    wanted.split(',').map(str::trim).any(|name| {
        name == "1" || name.eq_ignore_ascii_case("all") || name == id || name == type_name
    })
}

#[cfg(test)]
mod tests {
    use super::asks_for;

    #[test]
    fn the_variable_names_catalogs_by_id_or_type() {
        assert!(asks_for("1", "plaid-legacy", "PlaidLegacy"));
        assert!(asks_for("all", "plaid-legacy", "PlaidLegacy"));
        assert!(asks_for(
            "mdes, plaid-legacy",
            "plaid-legacy",
            "PlaidLegacy"
        ));
        assert!(asks_for("PlaidLegacy", "plaid-legacy", "PlaidLegacy"));
        assert!(!asks_for("mdes", "plaid-legacy", "PlaidLegacy"));
        assert!(!asks_for("", "plaid-legacy", "PlaidLegacy"));
    }
}
