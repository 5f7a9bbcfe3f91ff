import { expect } from "chai";
import { errorOf, ev } from "../fakeScope";

// Expected values are the results documented in Microsoft's function reference unless a comment says otherwise.
describe("expression functions: date and time", () => {
  it("addDays, addHours, addMinutes, addSeconds", () => {
    expect(ev("addDays('2018-03-15T00:00:00Z', 10)")).to.equal("2018-03-25T00:00:00.0000000Z");
    expect(ev("addDays('2018-03-15T00:00:00Z', -5)")).to.equal("2018-03-10T00:00:00.0000000Z");
    expect(ev("addHours('2018-03-15T00:00:00Z', 10)")).to.equal("2018-03-15T10:00:00.0000000Z");
    expect(ev("addHours('2018-03-15T15:00:00Z', -5)")).to.equal("2018-03-15T10:00:00.0000000Z");
    expect(ev("addMinutes('2018-03-15T00:10:00Z', 10)")).to.equal("2018-03-15T00:20:00.0000000Z");
    expect(ev("addMinutes('2018-03-15T00:20:00Z', -5)")).to.equal("2018-03-15T00:15:00.0000000Z");
    expect(ev("addSeconds('2018-03-15T00:00:00Z', 10)")).to.equal("2018-03-15T00:00:10.0000000Z");
    expect(ev("addSeconds('2018-03-15T00:00:30Z', -5)")).to.equal("2018-03-15T00:00:25.0000000Z");
  });

  it("addToTime and subtractFromTime", () => {
    expect(ev("addToTime('2018-01-01T00:00:00Z', 1, 'Day')")).to.equal("2018-01-02T00:00:00.0000000Z");
    expect(ev("addToTime('2018-01-01T00:00:00Z', 1, 'Day', 'D')")).to.equal("Tuesday, January 2, 2018");
    expect(ev("subtractFromTime('2018-01-02T00:00:00Z', 1, 'Day')")).to.equal("2018-01-01T00:00:00.0000000Z");
    // The guide prints "Monday, January, 1, 2018", a typo for the "D" format it names.
    expect(ev("subtractFromTime('2018-01-02T00:00:00Z', 1, 'Day', 'D')")).to.equal("Monday, January 1, 2018");
    // Not in the guide: months clamp the day, as .NET's AddMonths does.
    expect(ev("addToTime('2018-01-31T00:00:00Z', 1, 'Month')")).to.equal("2018-02-28T00:00:00.0000000Z");
    expect(errorOf("addToTime('2018-01-01T00:00:00Z', 1, 'Fortnight')")).to.contain("'addToTime' was given the time unit 'Fortnight'");
  });

  it("convertFromUtc", () => {
    expect(ev("convertFromUtc('2018-01-01T08:00:00.0000000Z', 'Pacific Standard Time')")).to.equal("2018-01-01T00:00:00.0000000");
    expect(ev("convertFromUtc('2018-01-01T08:00:00.0000000Z', 'Pacific Standard Time', 'D')")).to.equal("Monday, January 1, 2018");
  });

  it("convertTimeZone", () => {
    expect(ev("convertTimeZone('2018-01-01T08:00:00.0000000Z', 'UTC', 'Pacific Standard Time')")).to.equal("2018-01-01T00:00:00.0000000");
    // The guide's second example reads '2018-01-01T80:00:00.0000000Z', an hour that does not exist.
    expect(ev("convertTimeZone('2018-01-01T08:00:00.0000000Z', 'UTC', 'Pacific Standard Time', 'D')")).to.equal("Monday, January 1, 2018");
  });

  it("convertToUtc", () => {
    expect(ev("convertToUtc('01/01/2018 00:00:00', 'Pacific Standard Time')")).to.equal("2018-01-01T08:00:00.0000000Z");
    expect(ev("convertToUtc('01/01/2018 00:00:00', 'Pacific Standard Time', 'D')")).to.equal("Monday, January 1, 2018");
  });

  it("time zones follow daylight saving time and accept ids without punctuation", () => {
    // Not in the guide: Central European Summer Time is UTC+2, Eastern Daylight Time UTC-4.
    expect(ev("convertFromUtc('2018-07-01T12:00:00Z', 'W. Europe Standard Time')")).to.equal("2018-07-01T14:00:00.0000000");
    expect(ev("convertFromUtc('2018-01-01T12:00:00Z', 'W Europe Standard Time')")).to.equal("2018-01-01T13:00:00.0000000");
    expect(ev("convertToUtc('2018-07-01T12:00:00', 'Eastern Standard Time')")).to.equal("2018-07-01T16:00:00.0000000Z");
    expect(errorOf("convertFromUtc('2018-07-01T12:00:00Z', 'Mars Standard Time')")).to.contain(
      "'convertFromUtc' was given the time zone 'Mars Standard Time', which the local engine does not know",
    );
  });

  it("dateDifference", () => {
    expect(ev("dateDifference('2015-02-08', '2018-07-30')")).to.equal("1268.00:00:00");
    expect(ev("dateDifference('2018-07-30T01:00:00Z', '2018-07-30T00:00:00Z')")).to.equal("-01:00:00");
  });

  it("dayOfMonth, dayOfWeek, dayOfYear", () => {
    expect(ev("dayOfMonth('2018-03-15T13:27:36Z')")).to.equal(15);
    expect(ev("dayOfWeek('2018-03-15T13:27:36Z')")).to.equal(4);
    expect(ev("dayOfYear('2018-03-15T13:27:36Z')")).to.equal(74);
  });

  it("formatDateTime, in the round-trip format by default, in a locale when given", () => {
    expect(ev("formatDateTime('03/15/2018')")).to.equal("2018-03-15T00:00:00.0000000");
    expect(ev("formatDateTime('03/15/2018 12:00:00', 'yyyy-MM-ddTHH:mm:ss')")).to.equal("2018-03-15T12:00:00");
    expect(ev("formatDateTime('01/31/2016', 'dddd MMMM d')")).to.equal("Sunday January 31");
    expect(ev("formatDateTime('01/31/2016', 'dddd MMMM d', 'fr-fr')")).to.equal("dimanche janvier 31");
    expect(ev("formatDateTime('01/31/2016', 'dddd MMMM d', 'fr-FR')")).to.equal("dimanche janvier 31");
    expect(ev("formatDateTime('01/31/2016', 'dddd MMMM d', 'es-es')")).to.equal("domingo enero 31");
  });

  it("formatDateTime keeps seven fractional digits and converts an offset to UTC", () => {
    // Not in the guide: .NET's "o" and custom specifiers on a time with ticks and with an offset.
    expect(ev("formatDateTime('2018-03-15T13:00:00.1234567Z')")).to.equal("2018-03-15T13:00:00.1234567Z");
    expect(ev("formatDateTime('2018-03-15T13:00:00+02:00')")).to.equal("2018-03-15T11:00:00.0000000Z");
    expect(ev("formatDateTime('2018-03-15T13:05:09.5Z', 'yy M d h:m:s.FFF tt')")).to.equal("18 3 15 1:5:9.5 PM");
    expect(ev("formatDateTime('2018-03-15T13:05:09Z', 'HH:mm:ss.FFF')")).to.equal("13:05:09");
    expect(ev("formatDateTime('2018-03-15T13:05:09Z', 'r')")).to.equal("Thu, 15 Mar 2018 13:05:09 GMT");
    expect(ev("formatDateTime('2018-03-15T13:05:09Z', 's')")).to.equal("2018-03-15T13:05:09");
    expect(ev("formatDateTime('2018-03-15T13:05:09Z', 'g')")).to.equal("3/15/2018 1:05 PM");
    expect(ev("formatDateTime('2018-03-15T13:05:09Z', 'G')")).to.equal("3/15/2018 1:05:09 PM");
    expect(ev("formatDateTime('2018-03-15T13:05:09Z', 'yyyy-MM-dd\\THH:mm:ssK')")).to.equal("2018-03-15T13:05:09Z");
    expect(ev("startOfDay('03/15/2018 13:30')")).to.equal("2018-03-15T00:00:00.0000000"); // no zone in, none out
  });

  it("formatDateTime refuses what it cannot read", () => {
    expect(errorOf("formatDateTime('yesterday')")).to.contain("'formatDateTime' could not read 'yesterday' as a timestamp");
    expect(errorOf("formatDateTime('2018-02-30T00:00:00Z')")).to.contain("could not read '2018-02-30T00:00:00Z'");
    expect(errorOf("formatDateTime('2018-03-15T00:00:00Z', 'Q')")).to.contain("'formatDateTime' was given a format that is not valid");
    expect(errorOf("formatDateTime('2018-03-15T00:00:00Z', 'D', 'no-such-locale-tag')")).to.contain("'formatDateTime' was given the locale");
  });

  it("getFutureTime and getPastTime, from the scope's clock", () => {
    const march1 = { now: new Date("2018-03-01T00:00:00Z") };
    expect(ev("getFutureTime(5, 'Day')", march1)).to.equal("2018-03-06T00:00:00.0000000Z");
    expect(ev("getFutureTime(5, 'Day', 'D')", march1)).to.equal("Tuesday, March 6, 2018");
    const february1 = { now: new Date("2018-02-01T00:00:00Z") };
    expect(ev("getPastTime(5, 'Day')", february1)).to.equal("2018-01-27T00:00:00.0000000Z");
    expect(ev("getPastTime(5, 'Day', 'D')", february1)).to.equal("Saturday, January 27, 2018");
  });

  it("parseDateTime, in a locale or an exact format", () => {
    expect(ev("parseDateTime('20/10/2014', 'fr-fr')")).to.equal("2014-10-20T00:00:00.0000000");
    expect(ev("parseDateTime('20 octobre 2010', 'fr-FR')")).to.equal("2010-10-20T00:00:00.0000000");
    expect(ev("parseDateTime('martes 20 octubre 2020', 'es-es')")).to.equal("2020-10-20T00:00:00.0000000");
    expect(ev("parseDateTime('21052019', 'fr-fr', 'ddMMyyyy')")).to.equal("2019-05-21T00:00:00.0000000");
    expect(ev("parseDateTime('20190521', 'fr-fr', 'yyyyMMdd')")).to.equal("2019-05-21T00:00:00.0000000");
    expect(ev("parseDateTime('10/20/2014 15h', 'en-US', 'MM/dd/yyyy HH\\h')")).to.equal("2014-10-20T15:00:00.0000000");
    expect(errorOf("parseDateTime('2019-05-21', 'fr-fr', 'ddMMyyyy')")).to.contain("'parseDateTime' could not parse '2019-05-21' as a timestamp in the format 'ddMMyyyy'");
  });

  it("startOfDay, startOfHour, startOfMonth", () => {
    expect(ev("startOfDay('2018-03-15T13:30:30Z')")).to.equal("2018-03-15T00:00:00.0000000Z");
    expect(ev("startOfHour('2018-03-15T13:30:30Z')")).to.equal("2018-03-15T13:00:00.0000000Z");
    expect(ev("startOfMonth('2018-03-15T13:30:30Z')")).to.equal("2018-03-01T00:00:00.0000000Z");
    expect(ev("startOfMonth('2018-03-15T13:30:30Z', 'yyyy-MM-dd')")).to.equal("2018-03-01");
  });

  it("ticks", () => {
    // The guide has no example: 1521120456 s after the Unix epoch, which is 621355968000000000 ticks after 0001-01-01.
    expect(ev("ticks('2018-03-15T13:27:36Z')")).to.equal(636567172560000000);
  });

  it("utcNow, from the scope's clock, in the guide's formats", () => {
    const now = { now: new Date("2025-09-25T05:18:31.338Z") };
    expect(ev("utcNow()", now)).to.equal("2025-09-25T05:18:31.3380000Z");
    expect(ev("utcNow('u')", now)).to.equal("2025-09-25 05:18:31Z");
    expect(ev("utcNow('U')", now)).to.equal("Thursday, September 25, 2025 5:18:31 AM");
    expect(ev("utcNow('d')", now)).to.equal("9/25/2025");
    expect(ev("utcNow('D')", now)).to.equal("Thursday, September 25, 2025");
    expect(ev("utcNow('t')", now)).to.equal("5:18 AM");
    expect(ev("utcNow('T')", now)).to.equal("5:18:31 AM");
    expect(ev("utcNow('y')", now)).to.equal("September 2025");
    expect(ev("utcNow('yyyy')", now)).to.equal("2025");
    expect(ev("utcNow('ddd, d MMM yyyy')", now)).to.equal("Thu, 25 Sep 2025");
  });
});
