/**
 * What goes wrong with the alarm of signal.c and sigaction.c alike.
 *
 * @module
 */

import type { FindingSpec } from "../scenario.ts";
import { both, see } from "./_common.ts";

/** The alarm's findings, naming the call that registers the handler. */
export function alarmFindings(
  program: "signal" | "sigaction",
): Record<string, FindingSpec> {
  const register = program === "signal"
    ? "signal(SIGALRM, timeout)"
    : "sigaction(SIGALRM, &act, 0)";
  return {
    "alarm.no-handler": {
      severity: "fail",
      title: both(
        "SIGALRM does not run the handler",
        "SIGALRM에 핸들러가 실행되지 않는다",
      ),
      book: both(
        `The book registers timeout() with ${register} before alarm(2): 2 s later SIGALRM runs it and it prints 'Time out!'.`,
        `책은 alarm(2) 전에 ${register}로 timeout()을 등록한다. 2초 뒤 SIGALRM이 그것을 실행해 'Time out!'을 출력한다.`,
      ),
      why: both(
        "SIGALRM's default action ends the process (the shell says 'Alarm clock'): the handler must be registered before the alarm goes off.",
        "SIGALRM의 기본 동작은 프로세스 종료다 (셸은 'Alarm clock'이라고 쓴다). 알람이 울리기 전에 핸들러를 등록해야 한다.",
      ),
      see: see(program, ["shows"], `tcpip ${program} --trace`),
    },
    "alarm.no-alarm": {
      severity: "fail",
      title: both(
        "no SIGALRM comes: the program never calls alarm()",
        "SIGALRM이 오지 않는다: 프로그램이 alarm()을 부르지 않는다",
      ),
      book: both(
        `The book registers timeout() with ${register}, then calls alarm(2) before its loop: 2 s later the OS sends SIGALRM and the handler prints 'Time out!'.`,
        `책은 ${register}로 timeout()을 등록한 뒤 반복문 전에 alarm(2)를 부른다. 2초 뒤 OS가 SIGALRM을 보내고 핸들러가 'Time out!'을 출력한다.`,
      ),
      why: both(
        "Registering a handler only says what to do when the signal comes; alarm(2) is what asks the OS for a SIGALRM. Without it, sleep(100) sleeps its whole 100 s.",
        "핸들러 등록은 시그널이 오면 무엇을 할지 정할 뿐이다. SIGALRM을 OS에 요청하는 것은 alarm(2)다. 이것이 없으면 sleep(100)은 100초를 다 잔다.",
      ),
      see: see(program, ["shows"], `tcpip ${program} --trace`),
    },
    "alarm.sleep-goes-on": {
      severity: "fail",
      title: both(
        "the sleep is not cut short by the handled signal",
        "처리된 시그널에 sleep이 일찍 끝나지 않는다",
      ),
      book: both(
        "In the book, sleep(100) returns as soon as the handler has run, and the loop prints 'wait...' again.",
        "책에서는 핸들러가 실행되자마자 sleep(100)이 반환되고 반복문이 다시 'wait...'를 출력한다.",
      ),
      why: both(
        "A handled signal wakes a sleeping process: sleep() returns early with the seconds left. A loop that sleeps again for what is left waits the whole 100 s.",
        "처리된 시그널은 잠든 프로세스를 깨운다. sleep()은 남은 초를 반환하며 일찍 끝난다. 남은 시간만큼 다시 자는 반복문은 100초를 다 기다린다.",
      ),
      see: see(program, ["shows"]),
    },
    "alarm.reset": {
      severity: "fail",
      title: both(
        "a later SIGALRM ends the program: its handler is gone after the first",
        "다음 SIGALRM이 프로그램을 종료한다: 첫 번째 뒤에 핸들러가 사라진다",
      ),
      book: both(
        `The book's handler, registered once with ${register}, runs at every SIGALRM: three 'Time out!' lines, and the program ends after its loop.`,
        `책의 핸들러는 ${register}로 한 번 등록하면 SIGALRM마다 실행된다. 'Time out!'이 세 번 출력되고 프로그램은 반복문이 끝난 뒤 종료한다.`,
      ),
      why: both(
        "A handler registered with SA_RESETHAND among its flags runs once, then SIGALRM's default action is back, and it ends the process. act is a local variable: a field left unset (act.sa_flags=0; sigemptyset(&act.sa_mask);) holds whatever was on the stack, SA_RESETHAND perhaps. The flags are in the observation.",
        "SA_RESETHAND 플래그로 등록한 핸들러는 한 번만 실행되고, 그 뒤로는 SIGALRM의 기본 동작이 돌아와 프로세스를 종료한다. act는 지역 변수이므로 설정하지 않은 필드(act.sa_flags=0; sigemptyset(&act.sa_mask);)에는 스택에 있던 값이 남는다. SA_RESETHAND일 수도 있다. 플래그는 관찰 내용에 있다.",
      ),
      see: see(program, ["shows"], `tcpip ${program} --trace`),
    },
    "alarm.not-again": {
      severity: "fail",
      title: both(
        "the alarm goes off only once: the handler does not set it again",
        "알람이 한 번만 울린다: 핸들러가 다시 맞추지 않는다",
      ),
      book: both(
        "The book's timeout() calls alarm(2) again, so SIGALRM comes every 2 s and each sleep(100) ends after 2 s.",
        "책의 timeout()은 alarm(2)를 다시 불러서 SIGALRM이 2초마다 오고 sleep(100)마다 2초 뒤에 끝난다.",
      ),
      why: both(
        "alarm() sets one signal, once. Without a new alarm(2) in the handler, the next sleep(100) lasts its whole 100 s.",
        "alarm()은 시그널 한 번을 한 번만 예약한다. 핸들러에서 alarm(2)를 다시 부르지 않으면 다음 sleep(100)은 100초를 다 잔다.",
      ),
      see: see(program, ["shows"], `tcpip ${program} --trace`),
    },
  };
}
