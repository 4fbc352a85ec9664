"""Files as a commune office produces them: other encodings, locale numbers, broken JSON.
Each case: the error class, where it points, and that nothing changed."""
import pytest

import ntmkit
from conftest import CAMPAIGN_JSON

HEADER = "unit,indicator,date,quantity,note\n"


def test_a_windows_1258_csv_reads_as_nfc_text(seed, tmp_path):
    path = tmp_path / "tiendo.csv"
    # "ghi chú Thôn Cấm" as Excel on Vietnamese Windows saves it: the acute is a separate byte.
    path.write_bytes(HEADER.encode() + b"cam_trang_to_1,cong_ngo,16/4/2022,2,Th\xf4n C\xe2\xecm\n")
    seed.load_progress_csv(path)
    assert seed.progress.notes() == ["Thôn Cấm"]
    assert "Thôn Cấm" in seed.to_json()  # the campaign can still be saved


def test_a_utf16_csv_reads_like_utf8(seed, tmp_path):
    path = tmp_path / "tiendo.txt"
    text = "Đơn vị\tChỉ tiêu\tNgày\tSố lượng\ncam_trang_to_1\tcong_ngo\t16/4/2022\t2\n"
    path.write_bytes(text.encode("utf-16"))  # with a byte-order mark, as Excel writes it
    seed.load_progress_csv(path)
    assert list(seed.progress.quantities()) == [2.0]


def test_an_undecodable_csv_is_refused_at_its_cell(seed, tmp_path):
    before = seed.to_json()
    path = tmp_path / "x.csv"
    path.write_bytes(HEADER.encode() + b"cam_trang_to_1,cong\x81ngo,16/4/2022,2,\n")
    with pytest.raises(ntmkit.ParseError) as e:
        seed.load_progress_csv(path)
    assert e.value.where.endswith("row 2, column 2")
    assert seed.to_json() == before


@pytest.mark.parametrize("text", ["1.234", "12,500"])
def test_a_locale_dependent_quantity_is_refused(seed, text):
    before = seed.to_json()
    with pytest.raises(ntmkit.ParseError, match="could mean"):
        seed.add_progress_csv(HEADER + f'cam_trang_to_1,cong_ngo,16/4/2022,"{text}",\n')
    assert seed.to_json() == before


def test_a_campaign_file_with_a_broken_utf8_byte_is_a_parse_error(tmp_path):
    path = tmp_path / "c.json"
    data = CAMPAIGN_JSON.read_bytes().replace("Cẩm Trang".encode(), b"C\xe1\xba", 1)
    path.write_bytes(data)
    with pytest.raises(ntmkit.ParseError) as e:  # not UnicodeDecodeError
        ntmkit.Campaign.load(path)
    assert str(path) in str(e.value)


def test_deep_nesting_and_huge_numbers_are_parse_errors(tmp_path):
    for name, text in (("deep.json", "[" * 100_000), ("big.json", '{"format": 1e400}')):
        path = tmp_path / name
        path.write_text(text)
        with pytest.raises(ntmkit.ParseError) as e:
            ntmkit.Campaign.load(path)
        assert name in str(e.value)


def test_errors_inside_a_loaded_file_name_the_file(tmp_path, seed_json):
    import json
    seed_json = json.loads(json.dumps(seed_json))
    seed_json["targets"][0]["value"] = -1
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(seed_json, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ntmkit.ValidationError) as e:
        ntmkit.Campaign.load(path)
    assert e.value.where == f"{path}#/targets/0/value"


def nfd(text):
    import unicodedata
    return unicodedata.normalize("NFD", text)


def test_names_typed_with_combining_marks_are_stored_and_saved_in_nfc(seed_json):
    import json
    import unicodedata
    data = json.loads(json.dumps(seed_json))
    data["name"] = nfd(data["name"])
    for ind in data["indicators"]:
        ind["name_vi"] = nfd(ind["name_vi"])
    for u in data["units"]:
        u["name"] = nfd(u["name"])  # organisations (Hội Phụ nữ…) included
    text = json.dumps(data, ensure_ascii=False)
    assert text != unicodedata.normalize("NFC", text)  # the input really is decomposed
    c = ntmkit.Campaign.from_json(text)
    assert c.name == seed_json["name"]
    assert [i.name_vi for i in c.indicators] == [i["name_vi"] for i in seed_json["indicators"]]
    assert c.units.name(c.unit_index("hoi_phu_nu")) == "Hội Phụ nữ"
    saved = c.to_json()
    assert saved == unicodedata.normalize("NFC", saved)
    assert saved == ntmkit.Campaign.load(CAMPAIGN_JSON).to_json()  # same bytes as typed NFC
    # Built in Python: the campaign name and indicator names are stored in NFC as well.
    built = ntmkit.Campaign("t", nfd("Đợt thi đua"), "15/4/2022", "30/5/2022",
                            [ntmkit.UnitSpec("xa", nfd("Xã Cẩm"), "commune")],
                            [ntmkit.Indicator("h", nfd("Hàng rào xanh"), measure=nfd("hộ"))])
    assert built.name == "Đợt thi đua"
    assert built.indicators[0].name_vi == "Hàng rào xanh"
    assert built.indicators[0].counts_households


def test_progress_notes_typed_with_combining_marks_are_stored_in_nfc(seed):
    seed.add_progress([{"unit": "cam_trang_to_1", "indicator": "cong_ngo", "date": "16/4/2022",
                        "quantity": 1, "note": nfd("làm cổng"), "reporter": nfd("Trưởng tổ")}])
    assert seed.progress.notes() == ["làm cổng"]
    assert seed.progress.reporters() == ["Trưởng tổ"]


@pytest.mark.parametrize("style, text, value", [("vi", "1.234", 1234.0), ("vi", "1.234,5", 1234.5),
                                                ("en", "1,234", 1234.0), ("en", "1.5", 1.5)])
def test_a_declared_number_style_reads_thousands_separators(seed, tmp_path, style, text, value):
    seed.add_progress_csv(HEADER + f'cam_trang,vuon_sinh_thai,16/4/2022,"{text}",\n',
                          number_style=style)
    path = tmp_path / "q.csv"
    path.write_text(HEADER + f'cam_trang,vuon_sinh_thai,17/4/2022,"{text}",\n', "utf-8")
    seed.load_progress_csv(path, number_style=style)
    records = ntmkit.read_progress_csv(HEADER + f'a,b,16/4/2022,"{text}",\n', 2022,
                                       number_style=style)
    assert list(seed.progress.quantities()) == [value, value]
    assert records[0].quantity == value


def test_a_number_in_the_other_style_is_refused_saying_which_style_was_declared(seed):
    before = seed.to_json()
    with pytest.raises(ntmkit.ParseError) as e:
        seed.add_progress_csv(HEADER + 'cam_trang,vuon_sinh_thai,16/4/2022,"1,234.5",\n',
                              source="q.csv", number_style="vi")
    assert e.value.where == "q.csv row 2, column quantity"
    assert e.value.detail.startswith('"1,234.5" is not a number in the declared style vi')
    with pytest.raises(ntmkit.ParseError, match="number_style"):
        seed.add_progress_csv(HEADER, number_style="fr")
    assert seed.to_json() == before


def test_a_workbook_and_the_import_command_take_the_number_style(seed, tmp_path):
    from conftest import ntmkit_cmd
    from test_workbook import fill
    path = tmp_path / "nhap.xlsx"
    ntmkit.write_entry_workbook(seed, path, units="cam_trang")
    fill(path, "Cẩm Trang", [["Cẩm Trang", "vuon_sinh_thai", "6/5/2022", "1.234"]])
    with pytest.raises(ntmkit.ParseError, match="could mean"):
        ntmkit.read_entry_workbook(seed, path)
    assert ntmkit.read_entry_workbook(seed, path, number_style="vi")[0].quantity == 1234.0
    out = tmp_path / "out.csv"
    p = ntmkit_cmd("import", CAMPAIGN_JSON, path, "--number-style", "vi", "--write-csv", out)
    assert p.returncode == 0, p.stderr
    assert "1234" in out.read_text(encoding="utf-8")
