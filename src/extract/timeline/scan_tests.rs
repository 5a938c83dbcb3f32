use super::*;

fn finds(text: &str) -> Vec<(String, Shape)> {
    let chars: Vec<char> = text.chars().collect();
    let mask = crate::extract::timeline::context::url_mask(&chars);
    scan(&chars, &mask)
        .into_iter()
        .map(|f| (chars[f.start..f.end].iter().collect(), f.shape))
        .collect()
}

fn texts(text: &str) -> Vec<String> {
    finds(text).into_iter().map(|(t, _)| t).collect()
}

fn known(year: i32, month: Option<u8>, day: Option<u8>) -> PointSpec {
    PointSpec {
        year: YearSpec::Known(year),
        month,
        day,
    }
}

#[test]
fn chinese_numeral_dates() {
    let f = finds("二〇二二年七月十四日十八时");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].1, Shape::Point(known(2022, Some(7), Some(14))));
}

#[test]
fn numeric_and_english_dates() {
    assert_eq!(
        texts("完稿：2022-7-10，另 2021.05.06 与 2022/07/14。"),
        ["2022-7-10", "2021.05.06", "2022/07/14"]
    );
    assert_eq!(
        texts("in March 18, 2025 and 5 May 2024"),
        ["March 18, 2025", "5 May 2024"]
    );
    assert!(texts("版本 1.2022 与 3.14").is_empty());
}

#[test]
fn ranges() {
    let f = finds(
        "2013—2018 年，5 月 18 日至 19 日，2024 年至 2025 年，2008—2009 学年，2022 年 1—6 月",
    );
    let t: Vec<&str> = f.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        t,
        [
            "2013—2018 年",
            "5 月 18 日至 19 日",
            "2024 年至 2025 年",
            "2008—2009 学年",
            "2022 年 1—6 月"
        ]
    );
    assert!(f.iter().all(|(_, s)| matches!(s, Shape::Range(..))));
}

#[test]
fn urls_identifiers_and_quantities_are_not_dates() {
    assert!(texts("http://www.x.cn/2023-05/19/c_1.htm").is_empty());
    assert!(texts("第 2023 页，共 2000 人，2020 万元，ISBN 978-7-2019-1").is_empty());
    assert!(texts("三十周年，第二届，30周年，两年一度，三十年的经验，历经 30 余年").is_empty());
}

#[test]
fn year_zhong_is_not_mid_year() {
    let f = finds("2024年中哈跨境电商");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].0, "2024年");
}

#[test]
fn relative_expressions() {
    assert_eq!(
        texts("近 10 年来，31 年前，未来 3 年，过往三十年中，下一个十年，三个月内，两千多年前"),
        [
            "近 10 年来",
            "31 年前",
            "未来 3 年",
            "过往三十年中",
            "下一个十年",
            "三个月内",
            "两千多年前"
        ]
    );
    assert_eq!(texts("从过往三十年中亚局势"), ["过往三十年"]);
    assert!(texts("近年来，多年来，千百年来，数十年来，新的十年").is_empty());
}

#[test]
fn deictic_words_and_parts() {
    assert_eq!(
        texts("今年秋天，去年底，同年9月，上月，相当年轻"),
        ["今年秋天", "去年底", "同年9月", "上月"]
    );
    let f = finds("2023 年一季度");
    assert_eq!(f[0].0, "2023 年一季度");
}

#[test]
fn decades_and_centuries() {
    let f = finds("20 世纪 90 年代，21 世纪，上世纪80年代，1990 年代");
    let values: Vec<Shape> = f.iter().map(|(_, s)| *s).collect();
    assert_eq!(
        values,
        [
            Shape::Fixed(DateValue::Decade(1990)),
            Shape::Fixed(DateValue::Century(21)),
            Shape::Fixed(DateValue::Decade(1980)),
            Shape::Fixed(DateValue::Decade(1990)),
        ]
    );
}

#[test]
fn bare_years_in_product_names_and_addresses_are_not_dates() {
    assert!(texts("Windows 2000 系统，地址 [2001:db8::1]").is_empty());
    assert_eq!(texts("published in 2019."), ["2019"]);
    assert_eq!(texts("版权 © 2004 –2023 Debian"), ["2004 –2023"]);
    assert_eq!(
        texts("尽管2011与乌兹别克斯坦，“2024 丝绸之路万里行”"),
        ["2011", "2024"]
    );
}

#[test]
fn decades_take_their_parts() {
    let chars: Vec<char> = "自从八十年代初问世以来".chars().collect();
    let f = scan(&chars, &vec![false; chars.len()]);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].part, Some(crate::extract::timeline::Part::Early));
    assert_eq!(f[0].shape, Shape::Fixed(DateValue::Decade(1980)));
}

#[test]
fn year_ranges_with_to_and_two_digit_ends() {
    assert_eq!(
        finds("从1983到1985年，以及 1983—85 年。"),
        [
            (
                "1983到1985年".to_owned(),
                Shape::Range(PointSpec::known(1983), PointSpec::known(1985))
            ),
            (
                "1983—85 年".to_owned(),
                Shape::Range(PointSpec::known(1983), PointSpec::known(1985))
            ),
        ]
    );
    // 到今 is no range; a two-digit number after 到 is a count; 1998—02 年 crosses a century.
    assert_eq!(texts("2013到今天"), ["2013"]);
    assert_eq!(
        finds("1998—02 年")[0].1,
        Shape::Range(PointSpec::known(1998), PointSpec::known(2002))
    );
}

#[test]
fn mid_year() {
    let f = finds("2005年年中，2006年中期，2007年中国，2008年中");
    assert_eq!(f[0].0, "2005年年中");
    assert_eq!(f[0].1, Shape::Point(known(2005, None, None)));
    assert_eq!(f[1].0, "2006年中期");
    assert_eq!(f[2].0, "2007年");
    assert_eq!(f[3].0, "2008年");
}
