from assistant.notice.language import is_chinese


def test_which_questions_are_read_as_chinese():
    assert is_chinese("第24项任务由谁牵头？")
    assert is_chinese("商务部牵头哪些任务？")  # a Chinese question that opens with a name
    assert not is_chinese("Which tasks does 商务部 lead?")  # an English question with a Chinese name
    assert not is_chinese("Who leads task 24?")
    assert not is_chinese("")
