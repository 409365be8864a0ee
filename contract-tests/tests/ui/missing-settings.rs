catalog_core::provider_errors! {
    provider Demo {
        name: "Demo",
        colour: "blue",
    }
    400 | 1000 | MissingToken | never | invalid_request | integrator | "token missing";
}

fn main() {}
