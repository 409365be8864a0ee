//! `record --check` over the committed recordings of the seed catalogs: reading a recording
//! again changes none of its expectations, hand-written ones included (they may state fewer
//! keys than `record` writes, and entries that are not errors stay).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on broken fixtures

#[test]
fn every_seed_recording_reads_back_without_a_change() {
    for spec in providers::all() {
        let dir = fixtures::har_dir(spec.id);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "har"))
            .collect();
        files.sort();
        assert!(!files.is_empty(), "{} has no recordings", spec.id);
        for file in files {
            let options = contract_tests::record::Options::default().check_only();
            let plan = contract_tests::record::plan_with(spec, &file, &dir, &options)
                .unwrap_or_else(|error| panic!("{error}"));
            assert_eq!(plan.output, file);
            assert!(!plan.changes_expectations(), "{}", plan.review());
            assert!(plan.review.skipped.is_empty(), "{}", plan.review());
            assert!(plan.dead_pointers.is_empty(), "{}", plan.review());
        }
    }
}
