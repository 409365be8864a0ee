fn main() -> std::process::ExitCode {
    contract_tests::cli::main(&[lumen_errors::LumenPay::spec()])
}
