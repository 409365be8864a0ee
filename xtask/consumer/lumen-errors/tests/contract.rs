#[test]
fn lumen_pay_contract() {
    contract_tests::check::<lumen_errors::LumenPay>();
}
