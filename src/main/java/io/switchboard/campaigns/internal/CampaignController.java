package io.switchboard.campaigns.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.campaigns.internal.CampaignService.AudienceCounts;
import io.switchboard.campaigns.internal.CampaignService.AudiencePreviewInput;
import io.switchboard.campaigns.internal.CampaignService.CampaignInput;
import io.switchboard.campaigns.internal.CampaignService.CampaignView;
import io.switchboard.campaigns.internal.CampaignService.CsvReport;
import io.switchboard.campaigns.internal.CampaignService.ScheduleInput;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import io.switchboard.shared.web.CsvDownload;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/v1/campaigns")
@Tag(name = "Campaigns")
class CampaignController {

    private final CampaignService campaigns;
    private final CampaignResultsCsv results;

    CampaignController(CampaignService campaigns, CampaignResultsCsv results) {
        this.campaigns = campaigns;
        this.results = results;
    }

    @GetMapping
    @Operation(summary = "Campaigns, newest first, with live progress")
    PageResponse<CampaignView> list(@ParameterObject @Valid PageQuery page) {
        return campaigns.list(page);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary =
                    "Create a draft campaign (admins): a template, an audience (filter or CSV) and where each variable comes from")
    CampaignView create(@RequestBody CampaignInput input) {
        return campaigns.create(input);
    }

    @PostMapping("/audience-preview")
    @Operation(summary = "How many contacts a filter finds, and how many are excluded (opted out, no consent)")
    AudienceCounts previewAudience(@RequestBody AudiencePreviewInput input) {
        return campaigns.previewAudience(input);
    }

    @GetMapping("/{id}")
    @Operation(
            summary =
                    "One campaign with live progress (queued, sent, delivered, read, replied, failed with reasons, opted out) and ETA")
    CampaignView get(@PathVariable UUID id) {
        return campaigns.get(id);
    }

    @GetMapping("/{id}/results")
    @Operation(
            summary = "Every recipient with status, delivery, reply and opt-out as CSV, streamed",
            responses =
                    @io.swagger.v3.oas.annotations.responses.ApiResponse(
                            responseCode = "200",
                            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "text/csv")))
    void resultsCsv(@PathVariable UUID id, HttpServletResponse response) throws IOException {
        var campaign = campaigns.get(id); // another organisation's campaign is a 404 here
        UUID orgId = CurrentPrincipal.get().orgId();
        CsvDownload.write(
                response,
                "campaign-" + campaign.id() + "-results.csv",
                CampaignResultsCsv.HEADER,
                rows -> results.write(orgId, id, rows));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a draft, completed or cancelled campaign (admins)")
    void delete(@PathVariable UUID id) {
        campaigns.delete(id);
    }

    @GetMapping("/{id}/audience")
    @Operation(
            summary = "The campaign's audience counted now: found, eligible, excluded as opted out or without consent")
    AudienceCounts audience(@PathVariable UUID id) {
        return campaigns.audience(id);
    }

    @PostMapping(path = "/{id}/audience-csv", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            summary =
                    "Upload the CSV audience of a draft (header with phone; name, country_code; other columns are variables); answers problems per row")
    CsvReport uploadCsv(@PathVariable UUID id, @RequestPart("file") @Nullable MultipartFile file) throws IOException {
        if (file == null || file.isEmpty()) throw ApiProblem.invalidField("file", "is empty");
        return campaigns.uploadCsv(id, file.getInputStream());
    }

    @PostMapping("/{id}/schedule")
    @Operation(
            summary =
                    "Start now or at a local time in a time zone; template, audience and credits are checked first (402 when credits do not cover it)")
    CampaignView schedule(@PathVariable UUID id, @RequestBody(required = false) @Nullable ScheduleInput input) {
        return campaigns.schedule(id, input == null ? new ScheduleInput(null, null) : input);
    }

    @PostMapping("/{id}/pause")
    @Operation(summary = "Pause a scheduled or running campaign")
    CampaignView pause(@PathVariable UUID id) {
        return campaigns.pause(id);
    }

    @PostMapping("/{id}/resume")
    @Operation(summary = "Resume a paused campaign")
    CampaignView resume(@PathVariable UUID id) {
        return campaigns.resume(id);
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel: nothing more is queued; unused credits are released")
    CampaignView cancel(@PathVariable UUID id) {
        return campaigns.cancel(id);
    }
}
