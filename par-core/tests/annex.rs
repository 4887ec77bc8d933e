//! Criteria annexes written the ways provinces write them, each read as its words say — or
//! refused, or warned about, naming the row — never read as a rule the words do not state.

use par_core::import::{import, Header, Imported};
use par_core::Rule;
use par_core::{Lang, Table};

const HEADER: &str = "STT,Lĩnh vực/Tiêu chí/Tiêu chí thành phần,Điểm tối đa,Hướng dẫn chấm điểm\n";

/// What the person says of the annexes imported here: their id.
fn annex_header() -> Header {
    Header {
        id: "annex".into(),
        ..Default::default()
    }
}

fn annex(rows: &str) -> Result<Imported, String> {
    let table = Table::from_csv(&format!("{HEADER}{rows}")).map_err(|p| p.lines(Lang::En))?;
    let header = annex_header();
    import(&table, &[], header).map_err(|p| p.lines(Lang::En))
}

fn rule(imported: &Imported, code: &str) -> Option<Rule> {
    fn find<'a>(nodes: &'a [par_core::NodeDef], code: &str) -> Option<&'a par_core::NodeDef> {
        nodes.iter().find_map(|n| {
            (n.code == code)
                .then_some(n)
                .or_else(|| find(&n.children, code))
        })
    }
    find(&imported.methodology.def().nodes, code).and_then(|n| n.rule.clone())
}

#[test]
fn dash_rows_whose_points_do_not_add_up_are_the_options_of_the_row_above() {
    let imported =
        annex("I,CHỈ ĐẠO,1,\n1,Ban hành kế hoạch,1,\n-,Có ban hành,1,\n-,Không ban hành,0,\n")
            .unwrap();
    let Some(Rule::Choice { options }) = rule(&imported, "1.1") else {
        panic!("{:?}", rule(&imported, "1.1"))
    };
    let labels: Vec<&str> = options.iter().map(|o| &*o.label).collect();
    assert_eq!(labels, ["Có ban hành", "Không ban hành"]);
}

#[test]
fn dash_rows_that_add_up_are_sub_criteria() {
    let imported =
        annex("I,CHỈ ĐẠO,2,\n1,Kế hoạch,2,\n-,Ban hành đúng hạn,1,\n-,Ban hành đầy đủ,1,\n")
            .unwrap();
    assert_eq!(rule(&imported, "1.1.1"), None);
    assert_eq!(rule(&imported, "1.1.2"), None);
}

#[test]
fn a_criterion_without_sub_criteria_and_without_a_max_is_refused() {
    let problems = annex("I,CHỈ ĐẠO,,\n1,Kế hoạch,1,\n2,Báo cáo,,Căn cứ báo cáo\n").unwrap_err();
    assert!(
        problems.contains(
            "row 4, criterion 1.2, field max: a criterion without sub-criteria needs a max"
        ),
        "{problems}"
    );
}

/// A table whose every criterion is refused is refused for them: that it then has no criterion
/// follows, and is not said as a problem of its own.
#[test]
fn a_table_whose_every_row_is_refused_is_refused_for_its_rows_alone() {
    let problems = annex("I,CHỈ ĐẠO,abc,\n").unwrap_err();
    assert!(problems.contains("row 2"), "{problems}");
    assert!(!problems.contains("at least one node"), "{problems}");
    let empty = annex("").unwrap_err();
    assert!(empty.contains("at least one node"), "{empty}");
}

#[test]
fn subtotal_rows_and_column_numbers_after_a_blank_row_are_not_criteria() {
    let imported = annex(
        ",,,\n1,2,3,4\nI,CHỈ ĐẠO,2,\n1,Kế hoạch,2,\nCộng lĩnh vực I,,2,\nII,THỂ CHẾ,1,\n1,Văn bản,1,\nTỔNG ĐIỂM,,3,\n",
    )
    .unwrap();
    let codes: Vec<String> = imported
        .rows
        .iter()
        .filter_map(|r| r.code.clone())
        .collect();
    assert_eq!(codes, ["1", "1.1", "2", "2.1"]);
}

#[test]
fn a_heading_that_names_a_block_among_the_criteria_starts_no_section() {
    let imported =
        annex("I,CHỈ ĐẠO,2,\n,Khối các sở có đơn vị trực thuộc,,\n1,Kế hoạch,1,\n2,Văn bản,1,\n")
            .unwrap();
    assert!(imported.methodology.def().blocks.is_empty());
    assert_eq!(imported.warnings.len(), 1, "{:?}", imported.warnings);
}

#[test]
fn blocks_and_policies_come_from_their_sections() {
    let imported = annex(
        "I,CHỈ ĐẠO,1,\n1,Kế hoạch,1,\n,KHỐI,,\n,so,\"Khối sở, ban, ngành\",\n,huyen,Khối UBND cấp huyện,\n,QUY TẮC,,\n,Đồng hạng,dense,\n,rounding.places,1,\n,Bắt buộc tài liệu kiểm chứng,có,\n",
    )
    .unwrap();
    let def = imported.methodology.def();
    let blocks: Vec<(&str, Option<&str>)> = def
        .blocks
        .iter()
        .map(|b| (b.id.as_str(), b.name.as_deref()))
        .collect();
    assert_eq!(
        blocks,
        [
            ("so", Some("Khối sở, ban, ngành")),
            ("huyen", Some("Khối UBND cấp huyện"))
        ]
    );
    assert_eq!(def.policies.rounding.places, 1);
    assert!(def.policies.evidence_required);
    let refused =
        annex("I,CHỈ ĐẠO,1,\n1,Kế hoạch,1,\n,QUY TẮC,,\n,Đồng hạng,chia đều,\n").unwrap_err();
    assert!(refused.contains("row 5, field policies.ranking.ties: policy ranking.ties does not take the value 'chia đều'"), "{refused}");
}

#[test]
fn a_classification_in_points_or_with_a_condition_is_refused() {
    for band in [
        "Xuất sắc,\"Từ 1,8 điểm trở lên\",",
        "Xuất sắc,Từ 90% trở lên,và không có lĩnh vực nào dưới 80%",
    ] {
        let problems = annex(&format!(
            "I,CHỈ ĐẠO,2,\n1,Kế hoạch,2,\n,XẾP LOẠI,,\n,{band}\n"
        ))
        .unwrap_err();
        assert!(
            problems.contains("row 5, field bands: the classification range"),
            "{problems}"
        );
    }
}

#[test]
fn a_problem_of_a_section_on_its_own_sheet_names_the_sheet() {
    // A workbook's `Xếp loại` sheet: its rows are that sheet's, not the criteria sheet's.
    let criteria = Table::from_csv(&format!("{HEADER}I,CHỈ ĐẠO,2,\n1,Kế hoạch,2,\n")).unwrap();
    let bands = Table::from_csv("Xếp loại,Mức\nXuất sắc,\"Từ 1,8 điểm trở lên\"\n").unwrap();
    let header = annex_header();
    let others = [("Xếp loại".to_string(), bands)];
    let refused = import(&criteria, &others, header).unwrap_err();
    let problem = &refused.problems[0];
    assert_eq!(problem.sheet.as_deref(), Some("Xếp loại"));
    let line = problem.line(Lang::Vi);
    assert!(
        line.starts_with("trang “Xếp loại”, dòng 2, các khoảng: "),
        "{line}"
    );
}

#[test]
fn fields_iv_and_ix_are_numbered_like_the_others() {
    let fields: String = (1..=10)
        .map(|n| {
            let roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"][n - 1];
            format!("{roman},Lĩnh vực {n},1,\n1,Tiêu chí,1,\n")
        })
        .collect();
    let imported = annex(&fields).unwrap();
    let tops: Vec<&str> = imported
        .methodology
        .def()
        .nodes
        .iter()
        .map(|n| n.code.as_str())
        .collect();
    assert_eq!(tops, ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
}

#[test]
fn guidance_continued_on_the_next_rows_is_read_whole() {
    let imported = annex(
        "I,CHỈ ĐẠO,1,\n1,Kế hoạch,1,- Ban hành kịp thời: 1 điểm\n,,,\"- Ban hành chậm: 0,5 điểm\"\n,,,- Không ban hành: 0 điểm\n",
    )
    .unwrap();
    let Some(Rule::Choice { options }) = rule(&imported, "1.1") else {
        panic!("{:?}", rule(&imported, "1.1"))
    };
    assert_eq!(options.len(), 3);
}

/// A second classification is refused whole, in one problem: its bands are not each said to
/// be listed again.
#[test]
fn a_second_classification_is_refused() {
    let problems = annex(
        "I,CHỈ ĐẠO,1,\n1,Kế hoạch,1,\n,XẾP LOẠI CÁC SỞ,,\n,Tốt,Từ 80% trở lên,\n,XẾP LOẠI CÁC HUYỆN,,\n,Tốt,Từ 85% trở lên,\n",
    )
    .unwrap_err();
    assert!(
        problems.contains("row 6, field bands: the annex has two classifications"),
        "{problems}"
    );
    assert_eq!(problems.lines().count(), 1, "{problems}");
}

/// A classification past its limit of bands is refused once, at the first band too many, and
/// its rows after it are passed over: neither said one by one nor placed in order among the
/// bands (a million such rows took minutes).
#[test]
fn a_classification_past_its_bands_is_refused_once_at_the_first_band_too_many() {
    // Each band from a hundredth of a percent below the one above it: 100%, 99.99%, …
    let bands: String = (0..5_000)
        .map(|i| (i, 10_000 - i))
        .map(|(i, min)| format!(",Mức {i},Từ {}.{:02}% trở lên,\n", min / 100, min % 100))
        .collect();
    let problems = annex(&format!(
        "I,CHỈ ĐẠO,1,\n1,Kế hoạch,1,\n,XẾP LOẠI,,\n{bands}"
    ))
    .unwrap_err();
    let first: Vec<&str> = problems.lines().take(3).collect();
    assert_eq!(problems.lines().count(), 1, "{first:?}");
    // The header is row 1, the criteria rows 2 and 3, the heading row 4: band 101 is on row 105.
    assert!(
        problems.starts_with("row 105, field bands, limit bands: "),
        "{problems}"
    );
}

/// A section's own sheet is held to the rows a criteria sheet may have before it is read: each
/// row read is kept with what it was read as.
#[test]
fn a_section_sheet_of_more_rows_than_a_criteria_sheet_is_refused_before_it_is_read() {
    let criteria = Table::from_csv(&format!("{HEADER}I,CHỈ ĐẠO,2,\n1,Kế hoạch,2,\n")).unwrap();
    let rows = "Chính sách,Giá trị\n".to_string() + &"Làm tròn đến,2\n".repeat(100_001);
    let policies = Table::from_csv(&rows).unwrap();
    let header = annex_header();
    let others = [("Quy tắc".to_string(), policies)];
    let Err(refused) = import(&criteria, &others, header) else {
        panic!("a sheet of 100,001 rows was read")
    };
    assert_eq!(refused.problems.len(), 1, "{}", refused.lines(Lang::En));
    let problem = &refused.problems[0];
    assert_eq!(problem.sheet.as_deref(), Some("Quy tắc"));
    assert_eq!(problem.limit.as_deref(), Some("criteria_rows"));
}

#[test]
fn a_field_number_merged_with_its_name_is_read() {
    let imported = annex("I. CÔNG TÁC CHỈ ĐẠO,,1,\n1,Kế hoạch,1,\n").unwrap();
    assert_eq!(imported.methodology.def().nodes[0].name, "CÔNG TÁC CHỈ ĐẠO");
}

#[test]
fn an_annex_below_a_blank_top_margin_is_found_and_names_the_rows_shown() {
    // A sheet's table pasted low, or a CSV with empty lines first: blank rows are no title rows.
    let rows = "I,CHỈ ĐẠO,2,\n1,Kế hoạch,2,\n";
    let text = format!("{}PHỤ LỤC I,,,\n{HEADER}{rows}", "\n".repeat(12));
    let header = annex_header();
    let table = Table::from_csv(&text).expect("read");
    let imported = import(&table, &[], header).expect("imported below the margin");
    let placed: Vec<(Option<String>, usize)> = imported
        .rows
        .iter()
        .map(|r| (r.code.clone(), r.row))
        .collect();
    // Twelve empty lines, the title on row 13, the header on 14: the criteria on 15 and 16.
    assert_eq!(placed, [(Some("1".into()), 15), (Some("1.1".into()), 16)]);
}

#[test]
fn warnings_past_the_problems_limit_are_counted_in_one_closing_warning() {
    // Five million rows passed over, each warned of, held gigabytes: the first 1,000 are told, by row,
    // and one more says how many were not.
    let rows = format!("I,LV,2,\n1,a,1,\n2,b,1,\n{}", ",x,,\n".repeat(2_500));
    let imported = annex(&rows).expect("imported");
    let warnings = &imported.warnings;
    assert_eq!(warnings.len(), 1_001);
    assert!(warnings.windows(2).all(|w| w[0].row <= w[1].row));
    assert!(warnings[..1_000]
        .iter()
        .all(|w| w.message.code() == "row_skipped"));
    let last = &warnings[1_000];
    assert_eq!(last.message.code(), "more_warnings");
    assert_eq!(last.row, warnings[999].row + 1);
    assert_eq!(
        last.message.render(Lang::En),
        "1,500 more warnings were found and are not shown; the first 1,000 are reported"
    );
}

#[test]
fn a_criteria_table_of_more_written_rows_than_a_criteria_set_has_is_refused() {
    // Five million rows the import passes over took gigabytes before: refused from their count.
    // Blank rows (a sheet's used range saved as `;;;`) are not counted.
    let blank = ",,,\n".repeat(200_000);
    let read = |written: usize| {
        annex(&format!(
            "I,LV,2,\n1,a,1,\n2,b,1,\n{blank}{}",
            ",x,,\n".repeat(written)
        ))
    };
    assert!(read(99_997).is_ok());
    let refused = read(99_998).expect_err("refused");
    assert!(refused.contains("limit criteria_rows"), "{refused}");
}

/// A place found in a text put in small letters is read from the text as written: `İ` takes a
/// byte more in small letters, `ẞ` a byte fewer, and either before a decision number or points
/// cut what was read after them short.
#[test]
fn letters_of_another_length_in_small_letters_move_nothing_read() {
    let text = format!(
        "Bộ chỉ số İİİ theo Quyết định số 1880/QĐ-UBND ngày 20/11/2013,,,\n{HEADER}\
         I,CHỈ ĐẠO,2,\n1,Kế hoạch,2,\"- Ban hành kịp thời ẞẞẞ: 2 điểm\n- Không ban hành İİ: 0 điểm\"\n"
    );
    let table = Table::from_csv(&text).unwrap();
    let header = annex_header();
    let imported = import(&table, &[], header)
        .map_err(|p| p.lines(Lang::En))
        .unwrap();
    let def = imported.methodology.def();
    assert_eq!(def.decision.as_deref(), Some("1880/QĐ-UBND"));
    let Some(Rule::Choice { options }) = rule(&imported, "1.1") else {
        panic!("{:?}", rule(&imported, "1.1"))
    };
    let labels: Vec<&str> = options.iter().map(|o| &*o.label).collect();
    assert_eq!(labels, ["Ban hành kịp thời ẞẞẞ", "Không ban hành İİ"]);
}

/// A max that does not read is quoted as typed: a formula keeps its capitals.
#[test]
fn a_max_that_does_not_read_is_quoted_as_typed() {
    let problems = annex("I,CHỈ ĐẠO,=SUM(C3:C4),\n1,Kế hoạch,2 Điểm,\n").unwrap_err();
    assert!(problems.contains("=SUM(C3:C4)"), "{problems}");
    assert!(!problems.contains("=sum"), "{problems}");
}
