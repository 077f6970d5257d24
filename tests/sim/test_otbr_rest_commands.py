"""The commands the OTBR REST API asks the node, answered as the recorded otbr-agent shows."""

from __future__ import annotations

import re

from s20.clock import ManualClock

from .conftest import MakeNode, form_network


def test_border_agent_id_is_kept_across_reset_and_new_after_factoryreset(
    make_node: MakeNode,
) -> None:
    console = make_node()
    (ba_id,) = console.ok("ba id")
    assert re.fullmatch("[0-9a-f]{32}", ba_id)
    console.node.reboot()
    assert console.ok("ba id") == [ba_id]
    console.ok("ba id 00112233445566778899aabbccddeeff")
    assert console.ok("ba id") == ["00112233445566778899aabbccddeeff"]
    console.node.factory_reset()
    (fresh,) = console.ok("ba id")
    assert fresh not in (ba_id, "00112233445566778899aabbccddeeff")
    assert console.error("ba id 0011") == "Error 7: InvalidArgs"


def test_the_rloc_address_keeps_the_last_rloc16(make_node: MakeNode, clock: ManualClock) -> None:
    console = make_node()
    # Before the node ever had an RLOC16 its RLOC address ends in 0 (rest.txt A.01).
    assert console.ok("rloc16") == ["fffe"]
    assert console.ok("ipaddr rloc") == ["fdde:ad00:beef:0:0:ff:fe00:0"]
    form_network(console, clock)
    (rloc16,) = console.ok("rloc16")
    (attached,) = console.ok("ipaddr rloc")
    assert attached.endswith(f":fe00:{int(rloc16, 16):x}")
    # Stopped, it keeps the address of its last RLOC16 (rest.txt A.118).
    console.ok("thread stop")
    assert console.ok("rloc16") == ["fffe"]
    assert console.ok("ipaddr rloc") == [attached]
