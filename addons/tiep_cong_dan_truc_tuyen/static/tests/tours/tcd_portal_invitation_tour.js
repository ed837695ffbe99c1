import { registry } from "@web/core/registry";

/**
 * An invited unit's user, arriving from the invitation's QR code, confirms attendance with two
 * delegates and reports the connection test of the day before.
 */
registry.category("web_tour.tours").add("tcd_portal_invitation_tour", {
    steps: () => [
        {
            content: "The invitation of the unit's bridge point is open",
            trigger: ".o_tcd_invitation .o_tcd_point:contains('ĐC xã A1')",
        },
        {
            content: "Its login information is shown",
            trigger: ".o_tcd_login_password:contains('secret-a1')",
        },
        {
            content: "The unit will attend",
            trigger: "input[name='attendance'][value='confirmed']",
            run: "click",
        },
        {
            trigger: "input[name='delegate_name_0']",
            run: "edit Nguyễn Văn An",
        },
        {
            trigger: "input[name='delegate_position_0']",
            run: "edit Phó Chủ tịch UBND xã",
        },
        {
            trigger: "input[name='delegate_phone_0']",
            run: "edit 0912 345 678",
        },
        {
            trigger: "input[name='delegate_name_1']",
            run: "edit Lê Thị Bình",
        },
        {
            trigger: "input[name='delegate_position_1']",
            run: "edit Công chức Tư pháp - Hộ tịch",
        },
        {
            content: "Send the answer",
            trigger: ".o_tcd_confirm_submit",
            run: "click",
        },
        {
            content: "The answer is recorded",
            trigger: ".o_tcd_message",
        },
        {
            trigger: "input[name='delegate_name_1'][value='Lê Thị Bình']",
        },
        {
            content: "Report the test of the day before",
            trigger: "select[name='kind']",
            run: "select day_before",
        },
        {
            trigger: "input[name='tester']",
            run: "edit Trần Kỹ Thuật",
        },
        {
            trigger: "select[name='sound']",
            run: "select good",
        },
        {
            trigger: "select[name='picture']",
            run: "select good",
        },
        {
            trigger: "input[name='measured_bandwidth']",
            run: "edit 12.5",
        },
        {
            trigger: "select[name='result']",
            run: "select passed",
        },
        {
            trigger: ".o_tcd_test_submit",
            run: "click",
        },
        {
            content: "The test is listed",
            trigger: ".o_tcd_tests td:contains('12.5')",
        },
    ],
});

/** The host's officer sees the unit's answer and test on the session. */
registry.category("web_tour.tours").add("tcd_session_invitation_backend_tour", {
    steps: () => [
        {
            content: "Open the delegate points",
            trigger: ".o_notebook .nav-link:contains('Delegate points')",
            run: "click",
        },
        {
            content: "The point confirmed, with two delegates and a passed test",
            trigger:
                ".o_field_widget[name='point_line_ids'] .o_data_row:contains('ĐC xã A1'):contains('Attendance confirmed'):contains('Passed')",
        },
        {
            trigger: ".o_field_widget[name='point_line_ids'] .o_data_row td[name='delegate_count']:contains('2')",
        },
    ],
});
